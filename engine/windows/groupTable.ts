/**
 * The state of one `$group`: a Map from a fast key (the raw value for strings and numbers) to
 * the group's `_id` and its accumulator states. Used per window instance, and per pane by
 * hopping windows, which combine pane tables at fire time.
 */
import type { Meta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { EvalCtx, Expr } from '../expr/types';
import type { Accumulator } from '../accumulators/types';
import type { SnapshotWriter } from '../stages/types';
import { keyOf, type GroupKey } from '../accumulators/_key';

export interface GroupPlan {
  id: Expr;
  /** Output field names, in specification order. */
  names: string[];
  accs: Accumulator[];
  /** Every accumulator can combine pane states. */
  mergeable: boolean;
}

interface Entry {
  id: Value;
  s: unknown[];
}

export class GroupTable {
  private readonly map = new Map<GroupKey, Entry>();

  constructor(private readonly plan: GroupPlan) {}

  get keyCount(): number {
    return this.map.size;
  }

  /** Accumulate one document. Throws ExprError from user expressions (the caller poisons the window). */
  add(doc: Doc, meta: Meta, ctx: EvalCtx): void {
    ctx.current = doc;
    ctx.root = doc;
    ctx.meta = meta;
    const plan = this.plan;
    const id = plan.id(ctx);
    const k = keyOf(id);
    let e = this.map.get(k);
    if (e === undefined) {
      const accs = plan.accs;
      const s = new Array<unknown>(accs.length);
      for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.init();
      e = { id: id === undefined ? null : id, s };
      this.map.set(k, e);
    }
    const accs = plan.accs;
    const s = e.s;
    for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.add(s[i], ctx);
  }

  /** Fold `other` (a later pane) into this table; `other` is left untouched. */
  mergeFrom(other: GroupTable): void {
    const accs = this.plan.accs;
    for (const [k, o] of other.map) {
      const e = this.map.get(k);
      if (e === undefined) {
        const s = new Array<unknown>(accs.length);
        for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.merge!(accs[i]!.init(), o.s[i]);
        this.map.set(k, { id: o.id, s });
      } else {
        for (let i = 0; i < accs.length; i++) e.s[i] = accs[i]!.merge!(e.s[i], o.s[i]);
      }
    }
  }

  /** One output document per key, in first-seen order. */
  results(): Doc[] {
    const { names, accs } = this.plan;
    const out: Doc[] = [];
    for (const e of this.map.values()) {
      const d: Doc = { _id: e.id };
      for (let i = 0; i < names.length; i++) {
        const v = accs[i]!.result(e.s[i]);
        if (v !== undefined) d[names[i]!] = v;
      }
      out.push(d);
    }
    return out;
  }

  /** Results of `a` merged with the later table `b`, without building the merged table. */
  static mergedResults(a: GroupTable | undefined, b: GroupTable): Doc[] {
    if (a === undefined) return b.results();
    const { names, accs } = b.plan;
    const out: Doc[] = [];
    const emit = (id: Value, s: (i: number) => unknown): void => {
      const d: Doc = { _id: id };
      for (let i = 0; i < names.length; i++) {
        const v = accs[i]!.result(s(i));
        if (v !== undefined) d[names[i]!] = v;
      }
      out.push(d);
    };
    for (const [k, ea] of a.map) {
      const eb = b.map.get(k);
      if (eb === undefined) emit(ea.id, (i) => ea.s[i]);
      else emit(ea.id, (i) => accs[i]!.merge!(ea.s[i], eb.s[i]));
    }
    for (const [k, eb] of b.map) if (!a.map.has(k)) emit(eb.id, (i) => eb.s[i]);
    return out;
  }

  clear(): void {
    this.map.clear();
  }

  snapshot(): Value {
    const accs = this.plan.accs;
    return [...this.map.values()].map((e) => ({ id: e.id, s: e.s.map((x, i) => accs[i]!.snapshot(x)) }));
  }

  /** Streams exactly what snapshot() returns, without building it (checkpoints of big tables). */
  snapshotTo(w: SnapshotWriter): void {
    const accs = this.plan.accs;
    const n = accs.length;
    w.array(this.map.size);
    for (const e of this.map.values()) {
      w.object(2);
      w.key('id');
      w.value(e.id);
      w.key('s');
      w.array(n);
      for (let i = 0; i < n; i++) w.value(accs[i]!.snapshot(e.s[i]));
    }
  }

  restore(data: Value): void {
    this.map.clear();
    const accs = this.plan.accs;
    for (const e of data as { id: Value; s: Value[] }[]) {
      this.map.set(keyOf(e.id), { id: e.id, s: e.s.map((x, i) => accs[i]!.restore(x)) });
    }
  }

  /** Rough bytes held: a fixed cost per key and per accumulator state. */
  size(): number {
    return this.map.size * (96 + 48 * this.plan.accs.length);
  }
}
