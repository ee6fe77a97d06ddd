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
 * forwards push to the first stage and sends watermark/tick/flush to all of them in order
 * (upstream first, so a window that fires feeds stages that then see the same watermark),
 * behind the documents still pending in async stages (see `signal`). With `onLateError`, what
 * the stages after an async one throw when it passes a document or signal on later goes there
 * (a window's pipeline: the window is poisoned) instead of into the async stage.
 */
export function buildChain(stages: readonly ChainStage[], rt: StageRuntime, next: Emit, probe?: ChainProbe, onLateError?: (e: unknown) => void): Operator {
  const ops: Operator[] = [];
  let downstream = probe ? probe.enter(stages.length, next) : next;
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i]!;
    if (!s.spec.create || s.config === undefined) {
      throw new EngineError(`${s.name} cannot run on the local engine`, 'internal', 'ASP_UNSUPPORTED', s.name);
    }
    const srt = probe?.runtime ? probe.runtime(i, rt) : rt;
    if (onLateError && s.spec.passesOnLater) downstream = guarded(downstream, onLateError);
    const op = s.spec.create(s.config, { ...srt, buildChain: (inner, n, late) => buildChain(inner, srt, n, undefined, late) }, downstream);
    ops.unshift(op);
    probe?.created?.(i, op);
    const push: Emit = (doc, meta) => op.push(doc, meta);
    downstream = probe ? probe.enter(i, push) : push;
  }
  const first = ops[0];
  const entry = downstream;
  const withDrain = ops.filter((o) => o.drain);
  const withClose = ops.filter((o) => o.close);
  const windows = ops.filter((o) => o.openWindowStartTimes);
  const asyncOps = ops.some((o) => o.afterPending);
  const signals = asyncOps ? relayedSignals(ops, onLateError) : plainSignals(ops);
  return {
    push: first ? (probe ? entry : (d, m) => first.push(d, m)) : next,
    watermark: signals.watermark,
    tick: signals.tick,
    flush: signals.flush,
    // Not guarded by onLateError: what `fn` throws is its caller's (a window releasing output).
    afterPending: asyncOps ? (fn) => relay(ops, 0, () => undefined, fn) : undefined,
    tables: () => ops.flatMap((o) => (o.tables ? o.tables() : [])),
    drain: async () => { for (const o of withDrain) await o.drain!(); },
    close: async () => { for (const o of withClose) await o.close!(); },
    // One window per pipeline: its open windows are the chain's.
    openWindowStartTimes: windows.length ? () => windows[0]!.openWindowStartTimes!() : undefined,
  };
}

type Signals = Pick<Operator, 'watermark' | 'tick' | 'flush'>;

/**
 * No async stage: each signal is a loop over the stages that take it, calling the method by name
 * (the per-document watermark of every window benchmark goes through here).
 */
function plainSignals(ops: readonly Operator[]): Signals {
  const withWm = ops.filter((o) => o.watermark);
  const withTick = ops.filter((o) => o.tick);
  const withFlush = ops.filter((o) => o.flush);
  return {
    watermark: withWm.length ? (wm) => { for (const o of withWm) o.watermark!(wm); } : undefined,
    tick: withTick.length ? (now) => { for (const o of withTick) o.tick!(now); } : undefined,
    flush: withFlush.length ? () => { for (const o of withFlush) o.flush!(); } : undefined,
  };
}

/** Signals through a chain holding an async stage: relayed behind its pending documents. */
function relayedSignals(ops: readonly Operator[], late?: (e: unknown) => void): Signals {
  const wm = signal(ops, (o) => o.watermark, late);
  const tick = signal(ops, (o) => o.tick, late);
  const flush = signal(ops, (o) => o.flush, late);
  let lastWm = -Infinity;
  return {
    watermark: wm ? (x) => { if (x !== lastWm) wm((lastWm = x)); } : undefined,
    tick,
    flush: flush ? () => flush(undefined) : undefined,
  };
}

type Method<A> = ((a: A) => void) | undefined;

/**
 * A signal (watermark, tick, flush) sent to the stages in order, upstream first, so a window
 * that fires feeds stages that then see the same signal. Past an operator that passes documents
 * on later (afterPending), the rest of the chain gets the signal only once the documents pushed
 * before it have gone through: it never overtakes them. Undefined when no stage takes it.
 */
function signal<A>(ops: readonly Operator[], method: (o: Operator) => Method<A>, late?: (e: unknown) => void): ((a: A) => void) | undefined {
  // needs[k]: some stage at k or later takes the signal (no need to wait for one that does not).
  const needs = ops.map((_, k) => ops.slice(k).some((o) => method(o) !== undefined));
  if (!needs[0]) return undefined;
  return (a) => relay(ops, 0, (o) => method(o)?.call(o, a), undefined, needs, late);
}

/** `push`, with what it throws handed to `late`. */
function guarded(push: Emit, late: (e: unknown) => void): Emit {
  return (doc, meta) => {
    try {
      push(doc, meta);
    } catch (e) {
      late(e);
    }
  };
}

/**
 * Call `each` on ops[i..] in order, waiting at every async operator, then `done`. Without `done`
 * the relay stops where no later stage needs it (`needs`). What the part run later throws goes
 * to `late` when given.
 */
function relay(ops: readonly Operator[], i: number, each: (o: Operator) => void, done?: () => void, needs?: readonly boolean[], late?: (e: unknown) => void): void {
  for (let j = i; j < ops.length; j++) {
    if (needs && !needs[j]) return;
    const o = ops[j]!;
    each(o);
    if (o.afterPending) {
      const more = j + 1 < ops.length && (!needs || needs[j + 1]);
      const rest = more ? () => relay(ops, j + 1, each, done, needs, late) : done;
      if (rest) o.afterPending(late ? () => { try { rest(); } catch (e) { late(e); } } : rest);
      return;
    }
  }
  done?.();
}
