/** Test support: compile one accumulator and fold documents through it, as `$group` does for one key. */
import assert from 'node:assert/strict';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { accumulatorRegistry } from '../../../engine/accumulators/registry';
import type { Accumulator } from '../../../engine/accumulators/types';
import type { Doc, Value } from '../../../engine/core/types';
import { ManualClock } from '../../../engine/core/clock';

export function compileAccumulator(acc: Doc): { a?: Accumulator; errors: string[]; slots: number } {
  const name = Object.keys(acc)[0]!;
  const spec = accumulatorRegistry.get(name)!;
  const c = new ExprCompiler();
  const a = spec.compile(acc[name], c, []);
  return { a, errors: c.diagnostics.map((d) => d.message), slots: c.slotCount };
}

export function runAccumulator(acc: Doc, docs: Doc[]): Value {
  const { a, errors, slots } = compileAccumulator(acc);
  assert.deepEqual(errors, []);
  const ctx = newEvalCtx(slots, new ManualClock());
  let s = a!.init();
  for (const d of docs) {
    ctx.current = d;
    ctx.root = d;
    s = a!.add(s, ctx);
  }
  return a!.result(s);
}
