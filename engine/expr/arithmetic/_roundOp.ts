/** The shared compile step of $round and $trunc: `<number>` or `[<number>, <place>]`. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import type { RoundMode } from '../_shared/decimal';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { isIntegral, numKind, toNumber } from '../_shared/numeric';
import { roundTo } from './_round';
import { isNullish } from '../_shared/values';

export function compileRound(name: string, mode: RoundMode, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = compileArgs(c, path, arg, name, 1, 2);
  if (!args) return NULL_EXPR;
  const num = args[0]!;
  const placeArg = args[1];
  return (ctx) => {
    const v = num(ctx);
    if (isNullish(v)) return null;
    if (numKind(v) < 0) throw new ExprError(`${name} only supports numeric types, not ${typeName(v)}`);
    let place = 0;
    if (placeArg) {
      const p = placeArg(ctx);
      if (isNullish(p)) return null;
      if (!isIntegral(p)) throw new ExprError(`precision argument to  ${name} must be a integral value`);
      place = toNumber(p);
      if (place < -20 || place > 100) throw new ExprError(`cannot apply ${name} with precision value ${place} value must be in [-20, 100]`);
    }
    return roundTo(v, place, mode, name);
  };
}
