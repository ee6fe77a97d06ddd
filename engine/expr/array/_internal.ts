/** Helpers private to the array operators. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, checkVarName, namedArgs } from '../_shared/args';
import { isIntegral, toNumber } from '../_shared/numeric';
import { repr } from '../_shared/values';

/** `n` of $firstN/$lastN/$maxN/$minN: a positive integer. */
export function nArg(v: Value): number {
  if (!isIntegral(v)) throw new ExprError(`Value for 'n' must be of integral type, but found ${repr(v)}`);
  const n = toNumber(v);
  if (n <= 0) throw new ExprError(`'n' must be greater than 0, found: ${repr(v)}`);
  return n;
}

/** `{n, input}` operators: compile both, evaluate with null input giving null. */
export function compileNInput(name: string, arg: Value, c: Compiler, path: JsonPath, run: (input: Value[], n: number) => Value): Expr {
  const args = namedArgs(c, path, arg, name, ['n', 'input'], ['n', 'input']);
  if (!args) return NULL_EXPR;
  const nExpr = c.expr(args['n'], [...path, 'n']);
  const input = c.expr(args['input'], [...path, 'input']);
  return (ctx) => {
    const n = nArg(nExpr(ctx));
    const v = input(ctx);
    if (v === null || v === undefined) return null;
    if (!Array.isArray(v)) throw new ExprError(`${name} requires 'input' to be an array, found: ${typeName(v)}`);
    return run(v, n);
  };
}

/**
 * Compile `in` of $map/$filter with `as` bound to a fresh variable slot. `bind` sets the
 * slot for one element and restores the previous value afterwards (re-entrancy).
 */
export function withElementVar(c: Compiler, path: JsonPath, as: Value, body: Value, bodyKey: string): { slot: number; body: Expr } | null {
  const name = as === undefined ? 'this' : as;
  if (!checkVarName(c, [...path, 'as'], name)) return null;
  return c.withVars([name], ([slot]) => ({ slot: slot!, body: c.expr(body, [...path, bodyKey]) }));
}
