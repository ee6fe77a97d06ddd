/**
 * Closed windows whose inner pipeline holds an async stage ($https, $lookup on MongoDB): a
 * closed window's output is held until its pipeline has passed everything on, then released in
 * close order, so windows still come out oldest first. A window whose pipeline failed with a
 * user error (while it was fed, or later inside the async stage) emits one DLQ record instead,
 * as when it runs synchronously. Signals for later stages (afterPending) wait behind the windows
 * still pending, and drain() returns once none is, so a checkpoint never covers one.
 */
import type { Meta } from '../core/meta';
import type { Doc } from '../core/types';
import type { Emit, Operator } from '../core/operator';
import type { ChainStage, StageRuntime } from '../io/types';
import { EngineError, errorMessage } from '../core/errors';

/**
 * A user error inside a window's pipeline poisons the window (reported once, at close);
 * anything else is an engine bug and propagates.
 */
export function poisonMessage(e: unknown): string {
  if (e instanceof EngineError && e.domain === 'user') return errorMessage(e);
  throw e;
}

export interface Held {
  doc: Doc;
  meta: Meta;
}

/** One window's run of its pipeline: the output it held so far, and its failure if any. */
export interface WindowRun {
  chain: Operator;
  out: Held[];
  poison?: string;
}

interface Pending {
  run: WindowRun;
  done: boolean;
  onPoison: (reason: string) => void;
  after?: (() => void)[];
}

/** Does the pipeline hold a stage that passes documents on after push() returns? */
export function hasAsyncStage(stages: readonly ChainStage[]): boolean {
  return stages.some((s) => s.spec.passesOnLater === true);
}

/**
 * A chain over `stages` that holds its output in `out`; a user error a stage throws later
 * poisons the run (anything else is an engine bug and propagates).
 */
export function windowRun(rt: StageRuntime, stages: readonly ChainStage[], out: Held[] = []): WindowRun {
  const run: WindowRun = { chain: undefined as unknown as Operator, out };
  run.chain = rt.buildChain!(stages, (doc, meta) => void out.push({ doc, meta }), (e) => {
    const reason = poisonMessage(e);
    run.poison ??= reason;
  });
  return run;
}

export class CloseQueue {
  private readonly q: Pending[] = [];
  private releasing = false;

  constructor(private readonly next: Emit) {}

  /**
   * A window closed: its run was fed and flushed (`poison` set if that threw). Its output goes
   * on once the run's async stages have passed everything on, after the windows closed before.
   */
  closed(run: WindowRun, onPoison: (reason: string) => void): void {
    const p: Pending = { run, done: false, onPoison };
    this.q.push(p);
    const finish = (): void => {
      p.done = true;
      this.release();
    };
    if (run.poison !== undefined || !run.chain.afterPending) finish();
    else run.chain.afterPending(finish);
  }

  get pending(): number {
    return this.q.length;
  }

  afterPending(fn: () => void): void {
    if (this.q.length === 0) fn();
    else (this.q[this.q.length - 1]!.after ??= []).push(fn);
  }

  /** Wait until every closed window was released (their chains' drains drive the async stages). */
  async drain(): Promise<void> {
    for (;;) {
      const p = this.q.find((x) => !x.done);
      if (p === undefined) return;
      await p.run.chain.drain?.();
      if (!p.done) throw new EngineError('a window pipeline drained but did not finish', 'internal', 'ASP_WINDOW_PENDING');
    }
  }

  private release(): void {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.q.length > 0 && this.q[0]!.done) {
        const p = this.q.shift()!;
        const { run } = p;
        if (run.poison !== undefined) p.onPoison(run.poison);
        else for (const o of run.out) this.next(o.doc, o.meta);
        void run.chain.close?.();
        if (p.after) for (const fn of p.after) fn();
      }
    } finally {
      this.releasing = false;
    }
  }
}
