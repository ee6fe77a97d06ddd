/**
 * What $tumblingWindow and $hoppingWindow share (asp-spec §5, engine window_aware_operator):
 * event or processing time per document, late detection against the minimum open window start,
 * the close rule `watermark − allowedLateness ≥ end`, idleTimeout and the drain at end of input.
 * Subclasses hold the window state and fire windows in start order.
 */
import type { Meta, WindowMeta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import type { Emit, Operator, SnapshotWriter, StateTable, WindowState } from '../core/operator';
import type { StageRuntime } from '../io/types';
import { WindowAssigner } from './assigner';
import type { WindowConfig } from './windowArgs';
import { CloseQueue, hasAsyncStage } from './closeQueue';

export { poisonMessage } from './closeQueue';

export const LATE_REASON = 'Input document arrived late.';

export abstract class WindowCore implements Operator {
  /** Windows starting before this are closed; documents that needed them are late. */
  protected minWin = -Infinity;
  /** Highest `watermark − allowedLateness` seen. */
  protected maxX = -Infinity;
  private lastDataAt: number | undefined;
  protected readonly a: WindowAssigner;
  // Copies of cfg fields read per document (one load instead of two).
  private readonly procTime: boolean;
  private readonly idle: number | undefined;
  private readonly lateness: number;
  private readonly size: number;
  private readonly hop: number;
  /**
   * Set when the inner pipeline holds an async stage ($https): closed windows wait here for
   * their output, released in close order; signals for later stages and checkpoints wait too.
   */
  protected readonly closing: CloseQueue | undefined;
  declare afterPending?: (fn: () => void) => void;
  declare drain?: () => Promise<void>;
  declare close?: () => Promise<void>;

  constructor(protected readonly cfg: WindowConfig, protected readonly rt: StageRuntime, protected readonly next: Emit) {
    if (hasAsyncStage(cfg.inner.stages)) {
      const q = (this.closing = new CloseQueue(next));
      this.afterPending = (fn) => q.afterPending(fn);
      this.drain = () => this.drainAsync();
      this.close = () => this.closeAsync();
    }
    this.a = new WindowAssigner(cfg.size, cfg.hop, cfg.offset);
    this.procTime = cfg.processingTime;
    this.idle = cfg.idleTimeout;
    this.lateness = cfg.allowedLateness;
    this.size = cfg.size;
    this.hop = cfg.hop;
  }

  /**
   * Add the document to every open window containing `t`, starting at `first` (aligned), or at
   * the oldest window containing `t` when `first` is NaN (the document is not late).
   */
  protected abstract assign(doc: Doc, meta: Meta, t: number, first: number): void;
  /** Fire every window whose end is <= x, in start order. */
  protected abstract fire(x: number): void;
  /** The largest end of an open window that is <= limit (idleTimeout). */
  protected abstract lastEndAtOrBefore(limit: number): number | undefined;
  protected abstract snapshotState(): Value;
  /** Streams what snapshotState() returns; subclasses with big state avoid building it. */
  protected snapshotStateTo(w: SnapshotWriter): void {
    w.value(this.snapshotState());
  }
  protected abstract restoreState(v: Value): void;
  protected abstract stateSize(): number;
  /** Open panes oldest first, at most the `limit` newest; documents counted since this run started. */
  protected abstract openPanes(limit: number): { panes: WindowState['panes']; total: number };

  windowState(limit: number): WindowState {
    const { panes, total } = this.openPanes(limit);
    const c = this.cfg;
    const s: WindowState = { kind: c.size === c.hop ? 'tumbling' : 'hopping', sizeMs: c.size, hopMs: c.hop, allowedLatenessMs: c.allowedLateness, processingTime: c.processingTime, panes, paneCount: total };
    if (Number.isFinite(this.minWin)) s.closedBefore = this.minWin;
    return s;
  }

  push(doc: Doc, meta: Meta): void {
    let t: number;
    if (this.procTime) {
      t = this.rt.clock.now();
      this.closeUpTo(t);
    } else {
      t = meta.ts;
      if (this.idle !== undefined) this.lastDataAt = this.rt.clock.now();
    }
    const size = this.size;
    const hop = this.hop;
    // For aligned m: oldestStart(t) < m  <=>  t < m + size - hop (no modulo on the hot path).
    if (t < this.minWin + size - hop) {
      const oldest = this.a.oldestStart(t);
      this.late(doc, meta, oldest, t);
      if (this.minWin > t) return; // late for every window
      this.assign(doc, meta, t, this.minWin);
      return;
    }
    if (hop > size && this.a.oldestStart(t) > t) return; // in a gap between hopping windows
    this.assign(doc, meta, t, NaN);
  }

  watermark(wm: number): void {
    if (this.procTime) return;
    const x = wm - this.lateness;
    if (x <= this.maxX) return;
    this.maxX = x;
    this.closeUpTo(x);
  }

  tick(now: number): void {
    if (this.cfg.processingTime) {
      this.closeUpTo(now);
      return;
    }
    const idle = this.cfg.idleTimeout;
    if (idle === undefined || this.lastDataAt === undefined) return;
    const duration = now - this.lastDataAt;
    if (duration < idle) return;
    // Close the windows whose remaining time (end − last watermark) the idle time has covered.
    const end = this.lastEndAtOrBefore(this.maxX + duration);
    if (end !== undefined) this.closeUpTo(end);
  }

  flush(): void {
    this.fire(Infinity);
  }

  tables(): StateTable[] {
    return [
      {
        name: 'window',
        snapshot: () => ({ minWin: finite(this.minWin), maxX: finite(this.maxX), state: this.snapshotState() }),
        snapshotTo: (w) => {
          w.object(3);
          w.key('minWin');
          w.value(finite(this.minWin));
          w.key('maxX');
          w.value(finite(this.maxX));
          w.key('state');
          this.snapshotStateTo(w);
        },
        restore: (data) => {
          const o = data as { minWin: number | null; maxX: number | null; state: Value };
          this.minWin = o.minWin ?? -Infinity;
          this.maxX = o.maxX ?? -Infinity;
          this.restoreState(o.state);
        },
        size: () => this.stateSize(),
      },
    ];
  }

  /** Async inner pipelines: wait until no closed window is pending (subclasses add open ones). */
  protected async drainAsync(): Promise<void> {
    await this.closing!.drain();
  }

  /** Async inner pipelines: release what open windows' pipelines hold (HTTP agents). */
  protected async closeAsync(): Promise<void> {}

  protected closeUpTo(x: number): void {
    this.fire(x);
    // oldestStart(x) > minWin  <=>  x >= minWin + size (minWin is aligned).
    if (x >= this.minWin + this.cfg.size) {
      const m = this.a.oldestStart(x);
      if (m > this.minWin) this.minWin = m;
    }
  }

  private late(doc: Doc, meta: Meta, oldest: number, t: number): void {
    const missed: number[] = [];
    for (let s = oldest; s < this.minWin && s <= t; s += this.cfg.hop) missed.push(s);
    if (missed.length === 0) return;
    this.rt.dlq({ operatorName: this.cfg.inner.operatorName, reason: LATE_REASON, doc, meta, missedWindowStartTimes: missed });
  }

  protected windowMeta(start: number): WindowMeta {
    return { start: new Date(start), end: new Date(start + this.cfg.size) };
  }
}

/** Metadata of a document inside a window: the source's, plus the window. */
export function withWindow(m: Meta, w: WindowMeta): Meta {
  return { ts: m.ts, source: m.source, window: w, https: m.https, externalFunction: m.externalFunction, custom: m.custom };
}


function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Insert into an ascending array (appends are the common case); returns the index. */
export function insertSorted(arr: number[], v: number): number {
  let i = arr.length;
  while (i > 0 && arr[i - 1]! > v) i--;
  if (i === arr.length) arr.push(v);
  else arr.splice(i, 0, v);
  return i;
}
