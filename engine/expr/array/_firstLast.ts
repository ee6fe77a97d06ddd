/** $first and $last as array expressions. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { isNullish } from '../_shared/values';

export function compileFirstLast(name: string, last: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = compileArgs(c, path, arg, name, 1);
  if (!args) return NULL_EXPR;
  const a = args[0]!;
  return (ctx) => {
    const v = a(ctx);
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) throw new ExprError(`${name}'s argument must be an array, but is ${typeName(v)}`);
    return v.length === 0 ? undefined : v[last ? v.length - 1 : 0];
  };
}
