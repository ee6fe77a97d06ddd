/** $stdDevPop and $stdDevSamp as expressions (Welford's algorithm; numbers only). */
import type { JsonPath, Value } from '../../core/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR } from '../_shared/args';
import { double, numKind, toNumber } from '../_shared/numeric';
import { forEachOperand, operandArgs } from './_internal';

export function compileStdDev(name: string, sample: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = operandArgs(c, path, arg, name);
  if (!args) return NULL_EXPR;
  return (ctx) => {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    forEachOperand(args, ctx, (v) => {
      if (numKind(v) < 0) return;
      const x = toNumber(v);
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    });
    const denom = sample ? n - 1 : n;
    return denom <= 0 ? null : double(Math.sqrt(m2 / denom));
  };
}
