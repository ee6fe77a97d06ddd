/**
 * Coalesces streamed output into few webview messages: at most one post per `intervalMs`,
 * at most `maxPerPost` documents each, and never more than `maxQueued` waiting (the
 * webview only keeps its newest rows anyway, so older ones are dropped here first).
 */
import type { EJsonDoc } from '../../shared/protocol';

export interface Batch {
  run: string;
  docs: EJsonDoc[];
  dlqStages?: Record<number, number>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Pending {
  run: string;
  docs: EJsonDoc[];
  stages: Map<number, number>;
}

export class OutputBatcher {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: unknown;
  /** Documents dropped because the queue was full. */
  dropped = 0;

  constructor(
    private readonly post: (b: Batch) => void,
    private readonly intervalMs = 50,
    private readonly maxPerPost = 2000,
    private readonly maxQueued = 50_000,
    private readonly timers: Timers = realTimers,
  ) {}

  push(run: string, docs: readonly EJsonDoc[], dlqStages?: Record<number, number>): void {
    if (docs.length === 0) return;
    let tail = this.queue[this.queue.length - 1];
    if (!tail || tail.run !== run) {
      tail = { run, docs: [], stages: new Map() };
      this.queue.push(tail);
    }
    const base = tail.docs.length;
    for (const d of docs) tail.docs.push(d);
    if (dlqStages) for (const k of Object.keys(dlqStages)) tail.stages.set(base + Number(k), dlqStages[Number(k)]!);
    this.queued += docs.length;
    this.trim();
    if (this.timer === undefined) this.timer = this.timers.set(() => this.flushOne(), this.intervalMs);
  }

  private trim(): void {
    while (this.queued > this.maxQueued) {
      const head = this.queue[0]!;
      const over = this.queued - this.maxQueued;
      if (over >= head.docs.length) {
        this.queue.shift();
        this.queued -= head.docs.length;
        this.dropped += head.docs.length;
      } else {
        head.docs.splice(0, over);
        head.stages = shiftStages(head.stages, over);
        this.queued -= over;
        this.dropped += over;
      }
    }
  }

  /** Timer tick: posts up to maxPerPost documents and re-arms if more wait. */
  private flushOne(): void {
    this.timer = undefined;
    this.drain();
    if (this.queue.length > 0) this.timer = this.timers.set(() => this.flushOne(), this.intervalMs);
  }

  private drain(): void {
    let budget = this.maxPerPost;
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      const n = Math.min(budget, head.docs.length);
      const docs = n === head.docs.length ? head.docs : head.docs.slice(0, n);
      const batch: Batch = { run: head.run, docs };
      const stages: Record<number, number> = {};
      let any = false;
      for (const [i, s] of head.stages) if (i < n) {
        stages[i] = s;
        any = true;
      }
      if (any) batch.dlqStages = stages;
      if (n === head.docs.length) this.queue.shift();
      else {
        head.docs = head.docs.slice(n);
        head.stages = shiftStages(head.stages, n);
      }
      this.queued -= n;
      budget -= n;
      this.post(batch);
    }
  }

  /** Posts everything now (end of a run, so the last rows arrive before the end marker). */
  flush(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) this.drain();
  }

  get pending(): number {
    return this.queued;
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.queued = 0;
  }
}

function shiftStages(stages: Map<number, number>, by: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [i, s] of stages) if (i >= by) out.set(i - by, s);
  return out;
}
