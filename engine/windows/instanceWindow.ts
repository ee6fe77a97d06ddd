/**
 * Tumbling and hopping windows where every window instance runs its own copy of the inner
 * pipeline. Output of the inner pipeline is held until the window closes, then released in
 * window start order; a window whose pipeline failed emits one DLQ record instead. With an
 * async stage ($https) in the pipeline, a closed window's output waits in the close queue until
 * the stage answered (closeQueue.ts), and drain() also waits for the open windows' requests, so a
 * checkpoint holds every document read in some window's state.
 */
import type { Meta, WindowMeta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { StateTable } from '../core/operator';
import { insertSorted, poisonMessage, WindowCore, withWindow } from './windowCore';
import { windowRun, type Held, type WindowRun } from './closeQueue';

interface Instance {
  start: number;
  wmeta: WindowMeta;
  sourceType: Value;
  /** The window's pipeline, its held output and its failure (`run.poison`). */
  run: WindowRun;
  /** Documents this run added (live views; not kept in checkpoints). */
  docs: number;
}

interface InstanceSnapshot {
  start: number;
  sourceType: Value;
  poison: string | null;
  out: Held[];
  inner: Value[];
}

export class InstanceWindowOperator extends WindowCore {
  private readonly wins = new Map<number, Instance>();
  private starts: number[] = [];
  private last: Instance | undefined;

  protected assign(doc: Doc, meta: Meta, t: number, first: number): void {
    const hop = this.cfg.hop;
    const from = first === first ? first : this.a.oldestStart(t);
    for (let s = from; s <= t; s += hop) {
      const w = this.last !== undefined && this.last.start === s ? this.last : this.instance(s, meta.source['type']);
      this.last = w;
      if (w.run.poison !== undefined) continue;
      w.docs++;
      try {
        w.run.chain.push(doc, withWindow(meta, w.wmeta));
      } catch (e) {
        w.run.poison = poisonMessage(e);
      }
    }
  }

  private instance(start: number, sourceType: Value): Instance {
    let w = this.wins.get(start);
    if (w !== undefined) return w;
    w = { start, wmeta: this.windowMeta(start), sourceType, run: windowRun(this.rt, this.cfg.inner.stages), docs: 0 };
    this.wins.set(start, w);
    insertSorted(this.starts, start);
    return w;
  }

  protected fire(x: number): void {
    const size = this.cfg.size;
    while (this.starts.length > 0 && this.starts[0]! + size <= x) {
      const s = this.starts.shift()!;
      const w = this.wins.get(s)!;
      this.wins.delete(s);
      if (this.last === w) this.last = undefined;
      this.closeInstance(w);
    }
  }

  private closeInstance(w: Instance): void {
    const run = w.run;
    if (run.poison === undefined) {
      try {
        run.chain.flush?.();
      } catch (e) {
        run.poison = poisonMessage(e);
      }
    }
    const failed = (reason: string): void => {
      const meta: Meta = { ts: w.start, source: { type: w.sourceType }, window: w.wmeta };
      this.rt.dlq({ operatorName: this.cfg.inner.operatorName, reason, meta });
    };
    if (this.closing) return this.closing.closed(run, failed);
    if (run.poison !== undefined) return failed(run.poison);
    for (const h of run.out) this.next(h.doc, h.meta);
  }

  protected override async drainAsync(): Promise<void> {
    // Open windows first: their requests' documents must be in their state at a checkpoint.
    for (const s of this.starts.slice()) await this.wins.get(s)?.run.chain.drain?.();
    await super.drainAsync();
  }

  protected override async closeAsync(): Promise<void> {
    for (const w of this.wins.values()) await w.run.chain.close?.();
  }

  openWindowStartTimes(): { min: number; max: number } | undefined {
    if (this.starts.length === 0) return undefined;
    return { min: this.starts[0]!, max: this.starts[this.starts.length - 1]! };
  }

  protected lastEndAtOrBefore(limit: number): number | undefined {
    for (let i = this.starts.length - 1; i >= 0; i--) {
      const end = this.starts[i]! + this.cfg.size;
      if (end <= limit) return end;
    }
    return undefined;
  }

  protected snapshotState(): Value {
    return this.starts.map((s): InstanceSnapshot => {
      const w = this.wins.get(s)!;
      const tables: StateTable[] = w.run.chain.tables?.() ?? [];
      return { start: s, sourceType: w.sourceType, poison: w.run.poison ?? null, out: w.run.out.slice(), inner: tables.map((t) => t.snapshot()) };
    });
  }

  protected restoreState(v: Value): void {
    this.wins.clear();
    this.starts = [];
    this.last = undefined;
    for (const snap of v as InstanceSnapshot[]) {
      const w = this.instance(snap.start, snap.sourceType);
      if (snap.poison !== null) w.run.poison = snap.poison;
      w.run.out.push(...snap.out);
      const tables = w.run.chain.tables?.() ?? [];
      tables.forEach((t, i) => {
        if (snap.inner[i] !== undefined) t.restore(snap.inner[i]);
      });
    }
  }

  protected openPanes(limit: number): { panes: { start: number; end: number; docs: number }[]; total: number } {
    const size = this.cfg.size;
    return { panes: this.starts.slice(-limit).map((s) => ({ start: s, end: s + size, docs: this.wins.get(s)!.docs })), total: this.starts.length };
  }

  protected stateSize(): number {
    let n = 0;
    for (const w of this.wins.values()) {
      n += 128 + w.run.out.length * 256;
      for (const t of w.run.chain.tables?.() ?? []) n += t.size();
    }
    return n;
  }
}
