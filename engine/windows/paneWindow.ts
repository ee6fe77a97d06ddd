/**
 * Hopping windows over panes: the timeline is cut into panes of gcd(size, hop); each document
 * updates the partial `$group` table of its one pane, and a window fires by merging the tables
 * of its panes. The stages after the `$group` run per window at fire time (asynchronously when
 * they hold `$https`: see closeQueue.ts).
 */
import type { Meta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { Operator, SnapshotWriter, Emit } from '../core/operator';
import type { StageRuntime } from '../io/types';
import { newEvalCtx } from '../expr/compile';
import type { EvalCtx } from '../expr/types';
import { gcd, mod } from '../time/duration';
import { GroupTable, type EntryPool, type PaneKeys } from './groupTable';
import { PaneStack, type StackPane } from './paneStack';
import type { PanePlan } from './innerPlan';
import type { WindowConfig } from './windowArgs';
import { insertSorted, poisonMessage, WindowCore } from './windowCore';
import { windowRun } from './closeQueue';

interface Pane extends StackPane {
  sourceType: Value;
  /** Documents this run added (live views; not kept in checkpoints). */
  docs: number;
  poison?: string;
  /**
   * Tumbling only, when the stages read it: metadata with the window handed to the pane's
   * stages, refilled per document (never retained).
   */
  meta?: Meta;
}

interface PaneSnapshot {
  start: number;
  sourceType: Value;
  poison: string | null;
  table: Value;
}

export class PaneWindowOperator extends WindowCore {
  private readonly paneWidth: number;
  private readonly panes = new Map<number, Pane>();
  private starts: number[] = [];
  /** The panes in `starts` order (fireWindow walks these without Map lookups). */
  private order: Pane[] = [];
  private cur: Pane | undefined;
  /** Every key held by some pane, and its newest pane. */
  private readonly keys: PaneKeys = new Map();
  private readonly ctx: EvalCtx;
  private readonly prefix: Operator | undefined;
  private readonly stack: PaneStack;
  /** No window can fire before the watermark reaches this end (recomputed after changes). */
  private nextEnd = -Infinity;
  /** Tumbling: each window is one pane. */
  private readonly single: boolean;
  /** Panes in `order` that are poisoned (fireWindow looks for them only when there are some). */
  private poisoned = 0;
  /** Entries of dropped panes, reused by new ones. */
  private readonly pool: EntryPool = [];

  constructor(cfg: WindowConfig, rt: StageRuntime, next: Emit, private readonly plan: PanePlan) {
    super(cfg, rt, next);
    this.paneWidth = gcd(cfg.size, cfg.hop);
    this.ctx = newEvalCtx(rt.slotCount, rt.clock);
    this.stack = new PaneStack(plan.group.plan);
    this.single = cfg.size === cfg.hop;
    this.prefix =
      plan.prefix.length > 0 ? rt.buildChain!(plan.prefix, (d, m) => this.cur!.table.addInPane(d, m, this.ctx, this.keys, this.cur!.start)) : undefined;
  }

  protected assign(doc: Doc, meta: Meta, t: number): void {
    let p = this.cur;
    if (p === undefined || t < p.start || t >= p.start + this.paneWidth) {
      p = this.pane(t - mod(t - this.cfg.offset, this.paneWidth), meta.source['type']);
      this.cur = p;
    }
    if (p.poison !== undefined) return;
    p.docs++;
    if (p.stacked) this.stack.touched();
    let m = meta;
    if (p.meta !== undefined) {
      m = p.meta;
      m.ts = meta.ts;
      m.source = meta.source;
      m.https = meta.https;
      m.externalFunction = meta.externalFunction;
      m.custom = meta.custom;
    }
    try {
      if (this.prefix !== undefined) this.prefix.push(doc, m);
      else p.table.addInPane(doc, m, this.ctx, this.keys, p.start);
    } catch (e) {
      p.poison = poisonMessage(e);
      this.poisoned++;
    }
  }

  private pane(start: number, sourceType: Value): Pane {
    let p = this.panes.get(start);
    if (p === undefined) {
      p = { start, table: new GroupTable(this.plan.group.plan, false, this.pool), stacked: false, sourceType, docs: 0 };
      if (this.single && this.plan.readsMeta) p.meta = { ts: start, source: {}, window: this.windowMeta(start) };
      this.panes.set(start, p);
      const i = insertSorted(this.starts, start);
      this.order.splice(i, 0, p);
      if (i === 0) this.nextEnd = -Infinity;
    }
    return p;
  }

  protected fire(x: number): void {
    if (x < this.nextEnd) return;
    const { size, hop } = this.cfg;
    this.nextEnd = Infinity;
    while (this.starts.length > 0) {
      // The next window to fire is the oldest open one holding the oldest pane.
      const s = Math.max(this.minWin, this.a.oldestStart(this.starts[0]!));
      if (s + size > x) {
        this.nextEnd = s + size;
        break;
      }
      this.fireWindow(s);
      this.minWin = s + hop;
      this.dropPanes();
    }
  }

  protected override closeUpTo(x: number): void {
    const before = this.minWin;
    super.closeUpTo(x);
    if (this.minWin !== before) {
      this.dropPanes();
      this.nextEnd = -Infinity;
    }
  }

  /** Forget panes that no open window contains. */
  private dropPanes(): void {
    while (this.starts.length > 0 && this.a.newestStart(this.starts[0]!) < this.minWin) {
      const q = this.starts.shift()!;
      const p = this.order.shift()!;
      if (p.poison !== undefined) this.poisoned--;
      p.table.release(this.keys, q);
      if (this.cur?.start === q) this.cur = undefined;
      this.panes.delete(q);
    }
  }

  private fireWindow(s: number): void {
    const order = this.order;
    const lo = firstAtOrAfter(order, s, 0);
    const hi = firstAtOrAfter(order, s + this.cfg.size, lo);
    let poison: string | undefined;
    if (this.poisoned > 0) {
      for (let i = lo; i < hi && poison === undefined; i++) poison = order[i]!.poison;
    }
    // The first pane's source type, unless it has none.
    let sourceType: Value;
    for (let i = lo; i < hi; i++) {
      sourceType = order[i]!.sourceType;
      if (sourceType !== undefined && sourceType !== null) break;
    }
    const meta: Meta = { ts: s, source: { type: sourceType }, window: this.windowMeta(s) };
    const opName = this.cfg.inner.operatorName;
    if (poison !== undefined) {
      // Behind the windows still waiting for async output, so DLQ records keep window order.
      if (this.closing) this.closing.closed({ chain: { push: () => undefined }, out: [], poison }, (reason) => this.rt.dlq({ operatorName: opName, reason, meta }));
      else this.rt.dlq({ operatorName: opName, reason: poison, meta });
      return;
    }
    const docs = this.single ? (lo < hi ? order[lo]!.table.results() : []) : this.stack.sync(order, lo, hi);
    if (this.closing) {
      // The stages after the `$group` hold an async one: the output follows when it answered.
      const run = windowRun(this.rt, this.plan.rest);
      try {
        for (const d of docs) run.chain.push(d, meta);
        run.chain.flush?.();
      } catch (e) {
        run.poison ??= poisonMessage(e);
      }
      this.closing.closed(run, (reason) => this.rt.dlq({ operatorName: opName, reason, meta }));
      return;
    }
    if (this.plan.rest.length === 0) {
      for (const d of docs) this.next(d, meta);
      return;
    }
    const out: { doc: Doc; meta: Meta }[] = [];
    const chain = this.rt.buildChain!(this.plan.rest, (doc, m) => void out.push({ doc, meta: m }));
    try {
      for (const d of docs) chain.push(d, meta);
      chain.flush?.();
    } catch (e) {
      this.rt.dlq({ operatorName: opName, reason: poisonMessage(e), meta });
      return;
    }
    for (const o of out) this.next(o.doc, o.meta);
  }

  /** The windows holding data: from the oldest not yet closed to the newest holding the last pane. */
  openWindowStartTimes(): { min: number; max: number } | undefined {
    if (this.starts.length === 0) return undefined;
    return { min: Math.max(this.minWin, this.a.oldestStart(this.starts[0]!)), max: this.a.newestStart(this.starts[this.starts.length - 1]!) };
  }

  protected lastEndAtOrBefore(limit: number): number | undefined {
    if (this.starts.length === 0) return undefined;
    // Newest window holding data whose end the limit reaches.
    const newest = this.a.newestStart(this.starts[this.starts.length - 1]!);
    const oldest = Math.max(this.minWin, this.a.oldestStart(this.starts[0]!));
    for (let s = newest; s >= oldest; s -= this.cfg.hop) {
      if (s + this.cfg.size <= limit) return s + this.cfg.size;
    }
    return undefined;
  }

  protected snapshotState(): Value {
    return this.starts.map((q): PaneSnapshot => {
      const p = this.panes.get(q)!;
      return { start: q, sourceType: p.sourceType, poison: p.poison ?? null, table: p.table.snapshot() };
    });
  }

  protected override snapshotStateTo(w: SnapshotWriter): void {
    w.array(this.starts.length);
    for (const q of this.starts) {
      const p = this.panes.get(q)!;
      w.object(4);
      w.key('start');
      w.value(q);
      w.key('sourceType');
      w.value(p.sourceType);
      w.key('poison');
      w.value(p.poison ?? null);
      w.key('table');
      p.table.snapshotTo(w);
    }
  }

  protected restoreState(v: Value): void {
    this.panes.clear();
    this.keys.clear();
    this.starts = [];
    this.order = [];
    this.cur = undefined;
    this.nextEnd = -Infinity;
    this.poisoned = 0;
    this.stack.reset();
    for (const snap of v as PaneSnapshot[]) {
      const p = this.pane(snap.start, snap.sourceType);
      if (snap.poison !== null) {
        p.poison = snap.poison;
        this.poisoned++;
      }
      p.table.restore(snap.table);
      p.table.linkKeys(this.keys, snap.start);
    }
  }

  protected stateSize(): number {
    let n = 0;
    for (const p of this.panes.values()) n += 64 + p.table.size();
    return n;
  }

  protected openPanes(limit: number): { panes: { start: number; end: number; docs: number }[]; total: number } {
    const w = this.paneWidth;
    return { panes: this.order.slice(-limit).map((p) => ({ start: p.start, end: p.start + w, docs: p.docs })), total: this.order.length };
  }
}

/** Index of the first pane at or after `from` starting at or after `t` (binary search). */
function firstAtOrAfter(order: readonly Pane[], t: number, from: number): number {
  let lo = from;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
