/**
 * Tumbling and hopping windows where every window instance runs its own copy of the inner
 * pipeline. Output of the inner pipeline is held until the window closes, then released in
 * window start order; a window whose pipeline failed emits one DLQ record instead.
 */
import type { Meta, WindowMeta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { Operator, StateTable } from '../core/operator';
import { insertSorted, poisonMessage, WindowCore, withWindow } from './windowCore';

interface Held {
  doc: Doc;
  meta: Meta;
}

interface Instance {
  start: number;
  wmeta: WindowMeta;
  sourceType: Value;
  chain: Operator;
  out: Held[];
  poison?: string;
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
      if (w.poison !== undefined) continue;
      w.docs++;
      try {
        w.chain.push(doc, withWindow(meta, w.wmeta));
      } catch (e) {
        w.poison = poisonMessage(e);
      }
    }
  }

  private instance(start: number, sourceType: Value): Instance {
    let w = this.wins.get(start);
    if (w !== undefined) return w;
    const out: Held[] = [];
    w = {
      start,
      wmeta: this.windowMeta(start),
      sourceType,
      chain: this.rt.buildChain!(this.cfg.inner.stages, (doc, meta) => void out.push({ doc, meta })),
      out,
      docs: 0,
    };
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
    if (w.poison === undefined) {
      try {
        w.chain.flush?.();
      } catch (e) {
        w.poison = poisonMessage(e);
      }
    }
    if (w.poison !== undefined) {
      const meta: Meta = { ts: w.start, source: { type: w.sourceType }, window: w.wmeta };
      this.rt.dlq({ operatorName: this.cfg.inner.operatorName, reason: w.poison, meta });
      return;
    }
    for (const h of w.out) this.next(h.doc, h.meta);
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
      const tables: StateTable[] = w.chain.tables?.() ?? [];
      return { start: s, sourceType: w.sourceType, poison: w.poison ?? null, out: w.out.slice(), inner: tables.map((t) => t.snapshot()) };
    });
  }

  protected restoreState(v: Value): void {
    this.wins.clear();
    this.starts = [];
    this.last = undefined;
    for (const snap of v as InstanceSnapshot[]) {
      const w = this.instance(snap.start, snap.sourceType);
      if (snap.poison !== null) w.poison = snap.poison;
      w.out.push(...snap.out);
      const tables = w.chain.tables?.() ?? [];
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
      n += 128 + w.out.length * 256;
      for (const t of w.chain.tables?.() ?? []) n += t.size();
    }
    return n;
  }
}
