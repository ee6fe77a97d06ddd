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
import type { RowUpdate } from './groupUpdate';

export interface GroupPlan {
  id: Expr;
  /** Output field names, in specification order. */
  names: string[];
  accs: Accumulator[];
  /** Every accumulator can combine pane states. */
  mergeable: boolean;
  /** Feeds one document to an entry's states (see groupUpdate.ts). */
  update: RowUpdate;
}

interface Entry {
  k: GroupKey;
  id: Value;
  s: unknown[];
  /** Scratch for combine and mergedResults: entries may be shared between tables. */
  mark: number;
  tmp: Entry | undefined;
}

let stamp = 0;
/** The key index of read-only combined tables: always empty, never written. */
const NO_INDEX = new Map<GroupKey, Entry>();

export class GroupTable {
  /** The entries in first-seen order: iterating an array beats iterating the Map. */
  private entries: Entry[] = [];

  constructor(private readonly plan: GroupPlan, private readonly map = new Map<GroupKey, Entry>()) {}

  get keyCount(): number {
    return this.entries.length;
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
    if (e === undefined) e = this.newEntry(k, id);
    plan.update(e.s, ctx);
  }

  private newEntry(k: GroupKey, id: Value): Entry {
    const accs = this.plan.accs;
    const s = new Array<unknown>(accs.length);
    for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.init();
    const e: Entry = { k, id: id === undefined ? null : id, s, mark: 0, tmp: undefined };
    this.map.set(k, e);
    this.entries.push(e);
    return e;
  }

  /**
   * Fold `other` (a later pane) into this table, which owns its states (they came from init()
   * and mergeInto); `other` is left untouched.
   */
  mergeFrom(other: GroupTable): void {
    const accs = this.plan.accs;
    const n = accs.length;
    const src = other.entries;
    for (let j = 0; j < src.length; j++) {
      const o = src[j]!;
      const e = this.map.get(o.k) ?? this.newEntry(o.k, o.id);
      const s = e.s;
      for (let i = 0; i < n; i++) {
        const acc = accs[i]!;
        s[i] = acc.mergeInto !== undefined ? acc.mergeInto(s[i], o.s[i]) : acc.merge!(s[i], o.s[i]);
      }
    }
  }

  /**
   * A read-only table of the pane table `a` merged with the later table `b`, for PaneStack's
   * suffixes. Entries present in only one of them are shared, not copied: neither input nor the
   * result is written to afterwards (a pane that changes again is detected by its version and
   * the combination rebuilt). The result has no key index: it is only ever iterated, or passed
   * again as `b`, where lookups go to `a`'s index.
   */
  static combine(a: GroupTable, b: GroupTable): GroupTable {
    const accs = a.plan.accs;
    const n = accs.length;
    const t = new GroupTable(a.plan, NO_INDEX);
    const mark = ++stamp;
    const be = b.entries;
    for (let j = 0; j < be.length; j++) {
      const eb = be[j]!;
      const ea = a.map.get(eb.k);
      if (ea === undefined) continue;
      const s = new Array<unknown>(n);
      for (let i = 0; i < n; i++) s[i] = accs[i]!.merge!(ea.s[i], eb.s[i]);
      ea.mark = mark;
      ea.tmp = { k: ea.k, id: ea.id, s, mark: 0, tmp: undefined };
      eb.mark = mark;
    }
    const out = t.entries;
    const ae = a.entries;
    for (let j = 0; j < ae.length; j++) {
      const ea = ae[j]!;
      if (ea.mark === mark) {
        out.push(ea.tmp!);
        ea.tmp = undefined;
      } else out.push(ea);
    }
    for (let j = 0; j < be.length; j++) {
      const eb = be[j]!;
      if (eb.mark !== mark) out.push(eb);
    }
    return t;
  }

  /** One output document per key, in first-seen order. */
  results(): Doc[] {
    const { names, accs } = this.plan;
    const out: Doc[] = [];
    const es = this.entries;
    for (let j = 0; j < es.length; j++) {
      const e = es[j]!;
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
    const n = names.length;
    const out: Doc[] = [];
    const mark = ++stamp;
    const ae = a.entries;
    for (let j = 0; j < ae.length; j++) {
      const ea = ae[j]!;
      const eb = b.map.get(ea.k);
      const d: Doc = { _id: ea.id };
      if (eb === undefined) {
        for (let i = 0; i < n; i++) {
          const v = accs[i]!.result(ea.s[i]);
          if (v !== undefined) d[names[i]!] = v;
        }
      } else {
        eb.mark = mark;
        for (let i = 0; i < n; i++) {
          const acc = accs[i]!;
          const v = acc.result(acc.merge!(ea.s[i], eb.s[i]));
          if (v !== undefined) d[names[i]!] = v;
        }
      }
      out.push(d);
    }
    const be = b.entries;
    for (let j = 0; j < be.length; j++) {
      const eb = be[j]!;
      if (eb.mark === mark) continue;
      const d: Doc = { _id: eb.id };
      for (let i = 0; i < n; i++) {
        const v = accs[i]!.result(eb.s[i]);
        if (v !== undefined) d[names[i]!] = v;
      }
      out.push(d);
    }
    return out;
  }

  clear(): void {
    this.map.clear();
    this.entries = [];
  }

  snapshot(): Value {
    const accs = this.plan.accs;
    return this.entries.map((e) => ({ id: e.id, s: e.s.map((x, i) => accs[i]!.snapshot(x)) }));
  }

  /** Streams exactly what snapshot() returns, without building it (checkpoints of big tables). */
  snapshotTo(w: SnapshotWriter): void {
    const accs = this.plan.accs;
    const n = accs.length;
    w.array(this.entries.length);
    for (const e of this.entries) {
      w.object(2);
      w.key('id');
      w.value(e.id);
      w.key('s');
      w.array(n);
      for (let i = 0; i < n; i++) w.value(accs[i]!.snapshot(e.s[i]));
    }
  }

  restore(data: Value): void {
    this.clear();
    const accs = this.plan.accs;
    for (const e of data as { id: Value; s: Value[] }[]) {
      const k = keyOf(e.id);
      const entry: Entry = { k, id: e.id, s: e.s.map((x, i) => accs[i]!.restore(x)), mark: 0, tmp: undefined };
      this.map.set(k, entry);
      this.entries.push(entry);
    }
  }

  /** Rough bytes held: a fixed cost per key and per accumulator state. */
  size(): number {
    return this.entries.length * (96 + 48 * this.plan.accs.length);
  }
}
