/** $min and $max as expressions: BSON order, null and missing ignored. */
import type { JsonPath, Value } from '../../core/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR } from '../_shared/args';
import { cmpValues, isNullish } from '../_shared/values';
import { forEachOperand, operandArgs } from './_internal';

export function compileMinMax(name: string, sign: 1 | -1, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = operandArgs(c, path, arg, name);
  if (!args) return NULL_EXPR;
  return (ctx) => {
    let best: Value = undefined;
    forEachOperand(args, ctx, (v) => {
      if (isNullish(v)) return;
      if (best === undefined || cmpValues(v, best) * sign > 0) best = v;
    });
    return best === undefined ? null : best;
  };
}
