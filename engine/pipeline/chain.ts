/** Wires parsed stages into one push-based operator chain. */
import type { Emit, Operator } from '../core/operator';
import type { ChainStage, StageRuntime } from '../io/types';
import { EngineError } from '../core/errors';

/**
 * Observes a chain stage by stage (per-operator stats, debug traces). Only runs that ask for it
 * pay for the extra call per stage.
 */
export interface ChainProbe {
  /** The runtime stage `i` is created with (e.g. a dlq that attributes records to the stage). */
  runtime?(i: number, rt: StageRuntime): StageRuntime;
  /** Wrap the entry of stage `i`; `i === stages.length` is the chain's own `next`. */
  enter(i: number, push: Emit): Emit;
  /** Stage `i`'s operator was created (live views read windows' state from it). */
  created?(i: number, op: Operator): void;
}

/**
 * Build operators back to front so each gets its downstream `next`. The returned operator
 * forwards push to the first stage and broadcasts watermark/tick/flush to all of them in order
 * (upstream first, so a window that fires feeds stages that then see the same watermark).
 */
export function buildChain(stages: readonly ChainStage[], rt: StageRuntime, next: Emit, probe?: ChainProbe): Operator {
  const ops: Operator[] = [];
  let downstream = probe ? probe.enter(stages.length, next) : next;
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i]!;
    if (!s.spec.create || s.config === undefined) {
      throw new EngineError(`${s.name} cannot run on the local engine`, 'internal', 'ASP_UNSUPPORTED', s.name);
    }
    const srt = probe?.runtime ? probe.runtime(i, rt) : rt;
    const op = s.spec.create(s.config, { ...srt, buildChain: (inner, n) => buildChain(inner, srt, n) }, downstream);
    ops.unshift(op);
    probe?.created?.(i, op);
    const push: Emit = (doc, meta) => op.push(doc, meta);
    downstream = probe ? probe.enter(i, push) : push;
  }
  const first = ops[0];
  const entry = downstream;
  const withWm = ops.filter((o) => o.watermark);
  const withTick = ops.filter((o) => o.tick);
  const withFlush = ops.filter((o) => o.flush);
  const withDrain = ops.filter((o) => o.drain);
  const withClose = ops.filter((o) => o.close);
  const windows = ops.filter((o) => o.openWindowStartTimes);
  return {
    push: first ? (probe ? entry : (d, m) => first.push(d, m)) : next,
    watermark: withWm.length ? (wm) => { for (const o of withWm) o.watermark!(wm); } : undefined,
    tick: withTick.length ? (now) => { for (const o of withTick) o.tick!(now); } : undefined,
    flush: withFlush.length ? () => { for (const o of withFlush) o.flush!(); } : undefined,
    tables: () => ops.flatMap((o) => (o.tables ? o.tables() : [])),
    drain: async () => { for (const o of withDrain) await o.drain!(); },
    close: async () => { for (const o of withClose) await o.close!(); },
    // One window per pipeline: its open windows are the chain's.
    openWindowStartTimes: windows.length ? () => windows[0]!.openWindowStartTimes!() : undefined,
  };
}
