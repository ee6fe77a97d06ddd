/** Wires parsed stages into one push-based operator chain. */
import type { Emit, Operator, ParsedStage, StageRuntime } from '../stages/types';
import { EngineError } from '../core/errors';

/**
 * Build operators back to front so each gets its downstream `next`. The returned operator
 * forwards push to the first stage and broadcasts watermark/tick/flush to all of them in order
 * (upstream first, so a window that fires feeds stages that then see the same watermark).
 */
export function buildChain(stages: ParsedStage[], rt: StageRuntime, next: Emit): Operator {
  const ops: Operator[] = [];
  let downstream = next;
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i]!;
    if (!s.spec.create || s.config === undefined) {
      throw new EngineError(`${s.name} cannot run on the local engine`, 'internal', 'ASP_UNSUPPORTED', s.name);
    }
    const op = s.spec.create(s.config, { ...rt, buildChain: (inner, n) => buildChain(inner, rt, n) }, downstream);
    ops.unshift(op);
    downstream = (doc, meta) => op.push(doc, meta);
  }
  const first = ops[0];
  const withWm = ops.filter((o) => o.watermark);
  const withTick = ops.filter((o) => o.tick);
  const withFlush = ops.filter((o) => o.flush);
  const withDrain = ops.filter((o) => o.drain);
  const withClose = ops.filter((o) => o.close);
  return {
    push: first ? (d, m) => first.push(d, m) : next,
    watermark: withWm.length ? (wm) => { for (const o of withWm) o.watermark!(wm); } : undefined,
    tick: withTick.length ? (now) => { for (const o of withTick) o.tick!(now); } : undefined,
    flush: withFlush.length ? () => { for (const o of withFlush) o.flush!(); } : undefined,
    tables: () => ops.flatMap((o) => (o.tables ? o.tables() : [])),
    drain: async () => { for (const o of withDrain) await o.drain!(); },
    close: async () => { for (const o of withClose) await o.close!(); },
  };
}
