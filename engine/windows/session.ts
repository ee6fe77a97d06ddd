/**
 * Session windows (asp-spec §5): per `partitionBy` value, a document joins every open session
 * whose `[min, max]` lies within `gap` of it (merging them); a session `[min, max + gap)` closes
 * when `watermark − allowedLateness ≥ max + gap`. Sessions buffer their documents and run the
 * inner pipeline when they close, so merging sessions is exact for every accumulator. With an
 * async stage ($https) in it, a closed session's output waits in the close queue until the stage
 * answered (closeQueue.ts), sessions still released in close order.
 */
import type { Meta, WindowMeta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import { ExprError, errorMessage } from '../core/errors';
import type { Emit, Operator, StateTable, WindowState } from '../core/operator';
import type { ParsedStage } from '../parse/types';
import type { StageRuntime } from '../io/types';
import type { Expr } from '../expr/types';
import { newEvalCtx } from '../expr/compile';
import { keyOf, type GroupKey } from '../accumulators/_key';
import { LATE_REASON, poisonMessage, withWindow } from './windowCore';
import { CloseQueue, hasAsyncStage, windowRun } from './closeQueue';

export interface SessionConfig {
  partitionBy: Expr;
  gap: number;
  allowedLateness: number;
  processingTime: boolean;
  stages: ParsedStage[];
  /** Named in late-document and failed-window DLQ records. */
  operatorName: string;
}

interface Held {
  doc: Doc;
  meta: Meta;
  seq: number;
}

interface Session {
  min: number;
  max: number;
  docs: Held[];
  sourceType: Value;
}

interface Partition {
  value: Value;
  sessions: Session[];
}

export class SessionWindowOperator implements Operator {
  private readonly parts = new Map<GroupKey, Partition>();
  private maxX = -Infinity;
  /** No session can close before this (a lower bound, refreshed when a scan finds nothing). */
  private nextClose = Infinity;
  private seq = 0;
  private readonly ctx;
  /** Set when the inner pipeline holds an async stage: closed sessions wait here for their output. */
  private readonly closing: CloseQueue | undefined;
  afterPending?: (fn: () => void) => void;
  drain?: () => Promise<void>;

  constructor(private readonly cfg: SessionConfig, private readonly rt: StageRuntime, private readonly next: Emit) {
    this.ctx = newEvalCtx(rt.slotCount, rt.clock);
    if (hasAsyncStage(cfg.stages)) {
      const q = (this.closing = new CloseQueue(next));
      this.afterPending = (fn) => q.afterPending(fn);
      this.drain = () => q.drain();
    }
  }

  push(doc: Doc, meta: Meta): void {
    const { gap } = this.cfg;
    const t = this.cfg.processingTime ? this.rt.clock.now() : meta.ts;
    if (this.cfg.processingTime) this.closeUpTo(t);
    let pv: Value;
    try {
      this.ctx.current = doc;
      this.ctx.root = doc;
      this.ctx.meta = meta;
      pv = this.cfg.partitionBy(this.ctx);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      const op = 'SessionWindowOperator';
      this.rt.dlq({ operatorName: op, reason: `Failed to process input document in ${op} with error: ${errorMessage(e)}`, doc, meta });
      return;
    }
    if (pv === undefined) pv = null;
    const key = keyOf(pv);
    let part = this.parts.get(key);
    const joined: Session[] = [];
    if (part !== undefined) {
      const keep: Session[] = [];
      for (const s of part.sessions) {
        if (t - s.max < gap && s.min - t < gap) joined.push(s);
        else keep.push(s);
      }
      if (joined.length > 1) part.sessions = keep;
    }
    if (joined.length === 0 && t + gap <= this.maxX) {
      // The session this document would open has already closed.
      this.rt.dlq({ operatorName: this.cfg.operatorName, reason: LATE_REASON, doc, meta, missedWindowStartTimes: [t] });
      return;
    }
    if (part === undefined) {
      part = { value: pv, sessions: [] };
      this.parts.set(key, part);
    }
    let s: Session;
    if (joined.length === 0) {
      s = { min: t, max: t, docs: [], sourceType: meta.source['type'] };
      part.sessions.push(s);
    } else if (joined.length === 1) {
      s = joined[0]!;
    } else {
      s = joined[0]!;
      for (const o of joined.slice(1)) {
        s.min = Math.min(s.min, o.min);
        s.max = Math.max(s.max, o.max);
        s.docs = s.docs.concat(o.docs);
      }
      s.docs.sort((x, y) => x.seq - y.seq);
      part.sessions.push(s);
    }
    if (t < s.min) s.min = t;
    if (t > s.max) s.max = t;
    s.docs.push({ doc, meta, seq: this.seq++ });
    if (s.max + gap < this.nextClose) this.nextClose = s.max + gap;
  }

  watermark(wm: number): void {
    if (this.cfg.processingTime) return;
    const x = wm - this.cfg.allowedLateness;
    if (x <= this.maxX) return;
    this.maxX = x;
    this.closeUpTo(x);
  }

  tick(now: number): void {
    if (this.cfg.processingTime) this.closeUpTo(now);
  }

  /** A session window starts at its earliest document (stats walk the sessions; stats are rare). */
  openWindowStartTimes(): { min: number; max: number } | undefined {
    let min = Infinity;
    let max = -Infinity;
    for (const p of this.parts.values()) {
      for (const s of p.sessions) {
        if (s.min < min) min = s.min;
        if (s.min > max) max = s.min;
      }
    }
    return min === Infinity ? undefined : { min, max };
  }

  flush(): void {
    this.closeUpTo(Infinity);
  }

  private closeUpTo(x: number): void {
    if (x < this.nextClose) return;
    const gap = this.cfg.gap;
    const due: { part: Partition; s: Session }[] = [];
    let nextClose = Infinity;
    for (const [k, part] of this.parts) {
      const open: Session[] = [];
      for (const s of part.sessions) {
        if (s.max + gap <= x) due.push({ part, s });
        else {
          open.push(s);
          if (s.max + gap < nextClose) nextClose = s.max + gap;
        }
      }
      if (open.length === 0) this.parts.delete(k);
      else part.sessions = open;
    }
    this.nextClose = nextClose;
    // Windows fire in start order.
    due.sort((a, b) => a.s.min - b.s.min);
    for (const d of due) this.fire(d.part.value, d.s);
  }

  private fire(partition: Value, s: Session): void {
    const wmeta: WindowMeta = { start: new Date(s.min), end: new Date(s.max + this.cfg.gap), partition };
    if (this.closing) {
      const run = windowRun(this.rt, this.cfg.stages);
      try {
        for (const h of s.docs) run.chain.push(h.doc, withWindow(h.meta, wmeta));
        run.chain.flush?.();
      } catch (e) {
        run.poison ??= poisonMessage(e);
      }
      const meta: Meta = { ts: s.min, source: { type: s.sourceType }, window: wmeta };
      this.closing.closed(run, (reason) => this.rt.dlq({ operatorName: this.cfg.operatorName, reason, meta }));
      return;
    }
    const out: { doc: Doc; meta: Meta }[] = [];
    const chain = this.rt.buildChain!(this.cfg.stages, (doc, meta) => void out.push({ doc, meta }));
    try {
      for (const h of s.docs) chain.push(h.doc, withWindow(h.meta, wmeta));
      chain.flush?.();
    } catch (e) {
      const meta: Meta = { ts: s.min, source: { type: s.sourceType }, window: wmeta };
      this.rt.dlq({ operatorName: this.cfg.operatorName, reason: poisonMessage(e), meta });
      return;
    }
    for (const o of out) this.next(o.doc, o.meta);
  }

  /** Open sessions as panes `[min, max + gap)`, oldest first; closedBefore is the close line. */
  windowState(limit: number): WindowState {
    const all: WindowState['panes'] = [];
    for (const p of this.parts.values()) for (const s of p.sessions) all.push({ start: s.min, end: s.max + this.cfg.gap, docs: s.docs.length });
    all.sort((a, b) => a.start - b.start);
    const st: WindowState = { kind: 'session', gapMs: this.cfg.gap, allowedLatenessMs: this.cfg.allowedLateness, processingTime: this.cfg.processingTime, panes: all.slice(-limit), paneCount: all.length };
    if (Number.isFinite(this.maxX)) st.closedBefore = this.maxX;
    return st;
  }

  tables(): StateTable[] {
    return [
      {
        name: 'sessions',
        snapshot: () => ({
          maxX: Number.isFinite(this.maxX) ? this.maxX : null,
          seq: this.seq,
          parts: [...this.parts.values()].map((p) => ({
            value: p.value,
            sessions: p.sessions.map((s) => ({ min: s.min, max: s.max, sourceType: s.sourceType, docs: s.docs.map((h) => ({ doc: h.doc, meta: h.meta, seq: h.seq })) })),
          })),
        }),
        restore: (data) => {
          const o = data as { maxX: number | null; seq: number; parts: { value: Value; sessions: Session[] }[] };
          this.maxX = o.maxX ?? -Infinity;
          this.seq = o.seq;
          this.parts.clear();
          this.nextClose = -Infinity; // recomputed by the next scan
          for (const p of o.parts) {
            this.parts.set(keyOf(p.value), { value: p.value, sessions: p.sessions.map((s) => ({ ...s, docs: s.docs.slice() })) });
          }
        },
        size: () => {
          let n = 0;
          for (const p of this.parts.values()) for (const s of p.sessions) n += 96 + s.docs.length * 256;
          return n;
        },
      },
    ];
  }
}
