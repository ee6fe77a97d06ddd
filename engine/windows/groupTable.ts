/**
 * The state of one `$group`: a Map from a fast key (the raw value for strings and numbers) to
 * the group's `_id` and its accumulator states. Used per window instance, and per pane by
 * hopping windows, which combine pane tables at fire time.
 */
import type { Meta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { EvalCtx, Expr } from '../expr/types';
import type { Accumulator } from '../accumulators/types';
import type { SnapshotWriter } from '../core/operator';
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

/** The parsed `$group` stage: its plan, run by this table. */
export interface GroupConfig {
  plan: GroupPlan;
}

export interface Entry {
  k: GroupKey;
  id: Value;
  s: unknown[];
  /** Pane tables: the key's record in the window's key index. */
  rec: KeyRec | undefined;
  /** Scratch for mergedResults: entries may be shared between tables. */
  mark: number;
}

/**
 * One key of a pane window, shared by all its panes: which pane last got a new entry for the
 * key, so an in-order stream finds its entry without a per-pane Map (and panes build none).
 */
export interface KeyRec {
  /** Start of the newest pane holding the key, and the key's entry there. */
  start: number;
  entry: Entry | undefined;
  /** Scratch for combine. */
  mark: number;
  tmp: Entry | undefined;
  /** The key's entry in the running table whose `aggStamp` is `aggOf` (PaneStack's back stack). */
  agg: Entry | undefined;
  aggOf: number;
}

/** A pane window's key index. */
export type PaneKeys = Map<GroupKey, KeyRec>;

/**
 * Entries of dropped panes, reused by the panes created after them: a hopping window makes one
 * entry per key in every pane, so a steady stream would otherwise allocate them at the pane rate.
 */
export type EntryPool = Entry[];

/** Beyond this many spare entries a dropped pane's entries are left to the GC. */
const POOL_CAP = 16_384;

let stamp = 0;

export class GroupTable {
  /** The entries in first-seen order: iterating an array beats iterating the Map. */
  private entries: Entry[] = [];
  /** Key index; pane tables build it only when a late document needs a lookup. */
  private map: Map<GroupKey, Entry> | undefined;
  /** Set when pane tables are merged into this one: KeyRecs then point at its entries. */
  private aggStamp = 0;

  constructor(private readonly plan: GroupPlan, indexed = true, private readonly pool?: EntryPool) {
    if (indexed) this.map = new Map();
  }

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
    let e = this.index().get(k);
    if (e === undefined) e = this.newEntry(k, id, undefined);
    plan.update(e.s, ctx);
  }

  /**
   * add() for the pane starting at `start`, finding the entry through the window's key index:
   * a key's first document in a pane newer than any holding it appends without a lookup.
   */
  addInPane(doc: Doc, meta: Meta, ctx: EvalCtx, keys: PaneKeys, start: number): void {
    ctx.current = doc;
    ctx.root = doc;
    ctx.meta = meta;
    const plan = this.plan;
    const id = plan.id(ctx);
    const k = keyOf(id);
    let r = keys.get(k);
    if (r === undefined) {
      r = { start: -Infinity, entry: undefined, mark: 0, tmp: undefined, agg: undefined, aggOf: 0 };
      keys.set(k, r);
    }
    let e: Entry;
    if (r.start === start) e = r.entry!;
    else if (r.start < start) {
      e = this.newEntry(k, id, r);
      r.start = start;
      r.entry = e;
    } else e = this.index().get(k) ?? this.newEntry(k, id, r); // a late document for an older pane
    plan.update(e.s, ctx);
  }

  /** Point the key index at this pane's entries (after restore; panes in ascending order). */
  linkKeys(keys: PaneKeys, start: number): void {
    for (const e of this.entries) {
      let r = keys.get(e.k);
      if (r === undefined) {
        r = { start, entry: e, mark: 0, tmp: undefined, agg: undefined, aggOf: 0 };
        keys.set(e.k, r);
      }
      r.start = start;
      r.entry = e;
      e.rec = r;
    }
  }

  /**
   * The pane starting at `start` is dropped: forget keys it was the newest pane of, and hand its
   * entries to the pool. Only tables read after this are combinations that are never read again
   * (a PaneStack pops the pane before its next result), so the table is simply emptied.
   */
  release(keys: PaneKeys, start: number): void {
    const es = this.entries;
    const pool = this.pool;
    for (let j = 0; j < es.length; j++) {
      const e = es[j]!;
      const r = e.rec;
      if (r !== undefined && r.start === start && keys.get(e.k) === r) keys.delete(e.k);
      if (pool !== undefined && pool.length < POOL_CAP) {
        // Spare entries keep nothing alive: states can be large ($median's values).
        e.rec = undefined;
        e.id = null;
        e.k = null;
        const st = e.s;
        for (let i = 0; i < st.length; i++) st[i] = undefined;
        pool.push(e);
      }
    }
    this.entries = [];
    this.map = undefined;
  }

  private index(): Map<GroupKey, Entry> {
    if (this.map === undefined) {
      const m = new Map<GroupKey, Entry>();
      for (const e of this.entries) m.set(e.k, e);
      this.map = m;
    }
    return this.map;
  }

  private newEntry(k: GroupKey, id: Value, rec: KeyRec | undefined): Entry {
    const accs = this.plan.accs;
    let e = this.pool?.pop();
    if (e !== undefined) {
      // States get a fresh init(): merges may have shared the old ones (e.g. $first's).
      const s = e.s;
      for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.init();
      e.k = k;
      e.id = id === undefined ? null : id;
      e.rec = rec;
    } else {
      const s = new Array<unknown>(accs.length);
      for (let i = 0; i < accs.length; i++) s[i] = accs[i]!.init();
      e = { k, id: id === undefined ? null : id, s, rec, mark: 0 };
    }
    this.map?.set(k, e);
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
    if (this.aggStamp === 0) this.aggStamp = ++stamp;
    const as = this.aggStamp;
    for (let j = 0; j < src.length; j++) {
      const o = src[j]!;
      const r = o.rec;
      let e: Entry | undefined;
      if (r === undefined) e = this.index().get(o.k) ?? this.newEntry(o.k, o.id, undefined);
      else {
        // Pane entries find this table's entry through their KeyRec, not a Map lookup.
        e = r.aggOf === as ? r.agg : undefined;
        if (e === undefined) {
          e = this.index().get(o.k) ?? this.newEntry(o.k, o.id, r);
          r.agg = e;
          r.aggOf = as;
        }
      }
      const s = e.s;
      for (let i = 0; i < n; i++) {
        const acc = accs[i]!;
        s[i] = acc.mergeInto !== undefined ? acc.mergeInto(s[i], o.s[i]) : acc.merge!(s[i], o.s[i]);
      }
    }
  }

  /** This running table is discarded: KeyRecs stop pointing at (and keeping alive) its entries. */
  unlinkAgg(): void {
    const as = this.aggStamp;
    if (as === 0) return;
    const es = this.entries;
    for (let j = 0; j < es.length; j++) {
      const r = es[j]!.rec;
      if (r !== undefined && r.aggOf === as) {
        r.agg = undefined;
        r.aggOf = 0;
      }
    }
  }

  /**
   * A read-only table of the pane table `a` merged with the later table `b`, for PaneStack's
   * suffixes. Entries present in only one of them are shared, not copied: neither input nor the
   * result is written to afterwards (a pane that changes again is detected by its version and
   * the combination rebuilt). Keys are matched through their KeyRec, not a Map: the result has
   * no index.
   */
  static combine(a: GroupTable, b: GroupTable): GroupTable {
    const accs = a.plan.accs;
    const n = accs.length;
    const t = new GroupTable(a.plan, false);
    const mark = ++stamp;
    const ae = a.entries;
    for (let j = 0; j < ae.length; j++) {
      const ea = ae[j]!;
      ea.rec!.mark = mark;
      ea.rec!.tmp = ea;
    }
    const be = b.entries;
    for (let j = 0; j < be.length; j++) {
      const eb = be[j]!;
      const r = eb.rec!;
      if (r.mark !== mark) continue;
      const ea = r.tmp!;
      const s = new Array<unknown>(n);
      for (let i = 0; i < n; i++) s[i] = accs[i]!.merge!(ea.s[i], eb.s[i]);
      r.tmp = { k: ea.k, id: ea.id, s, rec: r, mark: 0 };
      eb.mark = mark;
    }
    const out = t.entries;
    for (let j = 0; j < ae.length; j++) {
      const r = ae[j]!.rec!;
      out.push(r.tmp!);
      r.tmp = undefined;
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

  /**
   * Results of `a` merged with the later table `b`, without building the merged table. Pane
   * tables (entries with a KeyRec) are matched through it; other tables through b's index.
   */
  static mergedResults(a: GroupTable | undefined, b: GroupTable): Doc[] {
    if (a === undefined) return b.results();
    const { names, accs } = b.plan;
    const n = names.length;
    const out: Doc[] = [];
    const mark = ++stamp;
    const be = b.entries;
    const byRec = be.length > 0 && be[0]!.rec !== undefined;
    if (byRec) {
      for (let j = 0; j < be.length; j++) {
        const r = be[j]!.rec!;
        r.mark = mark;
        r.tmp = be[j];
      }
    }
    const ae = a.entries;
    for (let j = 0; j < ae.length; j++) {
      const ea = ae[j]!;
      const r = ea.rec;
      const eb = byRec ? (r!.mark === mark ? r!.tmp : undefined) : b.index().get(ea.k);
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
          const v = acc.mergedResult !== undefined ? acc.mergedResult(ea.s[i], eb.s[i]) : acc.result(acc.merge!(ea.s[i], eb.s[i]));
          if (v !== undefined) d[names[i]!] = v;
        }
      }
      out.push(d);
    }
    for (let j = 0; j < be.length; j++) {
      const eb = be[j]!;
      if (byRec) eb.rec!.tmp = undefined;
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
    this.map = new Map();
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
      const entry: Entry = { k, id: e.id, s: e.s.map((x, i) => accs[i]!.restore(x)), rec: undefined, mark: 0 };
      this.map!.set(k, entry);
      this.entries.push(entry);
    }
  }

  /** Rough bytes held: a fixed cost per key and per accumulator state. */
  size(): number {
    return this.entries.length * (96 + 48 * this.plan.accs.length);
  }
}
