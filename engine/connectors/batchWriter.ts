/**
 * Batched writes to collection targets with ASP's failure rules (asp-spec §3.11): one ordered
 * bulk write per target and batch; a refused document goes to the DLQ and the rest of the
 * batch is retried one by one; unreachable servers are retried with backoff and, past the
 * retry budget, fail the processor with a clear message. Nothing is dropped silently.
 * With `lanes` > 1 (`$merge.parallelism`) steps are split by their key hash into that many lanes
 * written concurrently; each lane keeps the rules above, and one key's writes stay in one lane.
 */
import type { Doc } from '../core/types';
import type { Meta } from '../core/meta';
import type { DlqInput } from '../core/operator';
import type { CollectionTarget, WriteFailure, WriteModel } from '../io/target';
import type { Services } from '../io/types';
import { withRetry } from './retry';
import { isTransientMongoError } from './mongo/target';
import { nsFields, TargetCounts } from './targetCounts';

/**
 * One document's write: a single op, or a custom step (read-modify-write). `key` is a hash of
 * the document's identity in the target (its `on` values): steps with equal keys keep their order.
 */
export type WriteStep =
  | { target: CollectionTarget; op: WriteModel; doc: Doc; meta: Meta; key?: number }
  | { target: CollectionTarget; run: () => Promise<WriteFailure | undefined>; doc: Doc; meta: Meta; key?: number };

const CHUNK = 1000;

export class BatchWriter {
  /** Documents handed to and written into each target (targetStats). */
  readonly targets = new TargetCounts();
  private refusedBy = new Map<string, number>();

  constructor(
    private readonly services: Services,
    private readonly operatorName: string,
    private readonly dlq: (rec: DlqInput) => void,
  ) {}

  private retry<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(what, fn, { retryable: isTransientMongoError, policy: this.services.retry.policy, onRetry: this.services.retry.onRetry });
  }

  private refused(step: WriteStep, f: WriteFailure): void {
    this.refusedBy.set(step.target.ns, (this.refusedBy.get(step.target.ns) ?? 0) + 1);
    this.dlq({
      operatorName: this.operatorName,
      reason: `Failed to process an input document in the current batch in ${this.operatorName} with error: code = ${f.codeName}, reason = ${f.message}`,
      doc: step.doc,
      meta: step.meta,
    });
  }

  private async bulk(target: CollectionTarget, steps: Extract<WriteStep, { op: WriteModel }>[]): Promise<void> {
    for (let from = 0; from < steps.length; from += CHUNK) {
      const chunk = steps.slice(from, from + CHUNK);
      const f = await this.retry(`${this.operatorName} to ${target.ns}`, () => target.bulkWrite(chunk.map((s) => s.op)));
      if (!f) continue;
      this.refused(chunk[f.index]!, { ...f, index: 0 });
      for (const s of chunk.slice(f.index + 1)) {
        const g = await this.retry(`${this.operatorName} to ${target.ns}`, () => target.bulkWrite([s.op]));
        if (g) this.refused(s, g);
      }
    }
  }

  /**
   * Write every step, in order per target (per target and key with `lanes` > 1); resolves when
   * every lane is done and the targets are durable.
   */
  async write(steps: WriteStep[], lanes = 1): Promise<void> {
    if (lanes <= 1 || steps.length <= 1) {
      await this.writeLane(steps);
    } else {
      const split: WriteStep[][] = Array.from({ length: lanes }, () => []);
      for (const s of steps) split[((s.key ?? 0) >>> 0) % lanes]!.push(s);
      // allSettled: a failed lane must not return control while the others are still writing.
      const results = await Promise.allSettled(split.filter((l) => l.length > 0).map((l) => this.writeLane(l)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    const targets = new Map<string, { target: CollectionTarget; n: number }>();
    for (const s of steps) {
      const key = `${s.target.kind}:${s.target.ns}`;
      const t = targets.get(key);
      if (t) t.n++;
      else targets.set(key, { target: s.target, n: 1 });
    }
    for (const { target } of targets.values()) await this.retry(`${this.operatorName} to ${target.ns}`, () => target.flush());
    for (const { target, n } of targets.values()) this.targets.add(target.ns, () => nsFields(target.ns), n, n - (this.refusedBy.get(target.ns) ?? 0));
    this.refusedBy = new Map();
  }

  /** One lane: grouped per target, ops in bulk runs, custom steps one at a time, in order. */
  private async writeLane(steps: WriteStep[]): Promise<void> {
    const byTarget = new Map<string, { target: CollectionTarget; steps: WriteStep[] }>();
    for (const s of steps) {
      const key = `${s.target.kind}:${s.target.ns}`;
      let g = byTarget.get(key);
      if (!g) byTarget.set(key, (g = { target: s.target, steps: [] }));
      g.steps.push(s);
    }
    for (const { target, steps: ts } of byTarget.values()) {
      let run: Extract<WriteStep, { op: WriteModel }>[] = [];
      for (const s of ts) {
        if ('op' in s) {
          run.push(s);
          continue;
        }
        await this.bulk(target, run);
        run = [];
        const f = await this.retry(`${this.operatorName} to ${target.ns}`, s.run);
        if (f) this.refused(s, f);
      }
      await this.bulk(target, run);
    }
  }
}
