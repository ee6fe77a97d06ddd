/** Helpers private to the arithmetic operators. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, EvalCtx, Expr } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { numKind } from '../_shared/numeric';
import { isNullish } from '../_shared/values';

/** One numeric argument; null and missing give null, anything else non-numeric is an error. */
export function unaryNumeric(name: string, c: Compiler, path: JsonPath, arg: Value, fn: (v: Value) => Value): Expr {
  const args = compileArgs(c, path, arg, name, 1);
  if (!args) return NULL_EXPR;
  const a = args[0]!;
  return (ctx) => {
    const v = a(ctx);
    if (typeof v === 'number') return fn(v);
    if (isNullish(v)) return null;
    if (numKind(v) < 0) throw new ExprError(`${name} only supports numeric types, not ${typeName(v)}`);
    return fn(v);
  };
}

/** MongoDB prints doubles in messages without a trailing ".0". */
export function fmtNum(n: number): string {
  return String(n);
}

/**
 * The accumulator-style expression forms ($sum, $avg, $min, ...) take either one operand,
 * whose array elements are the inputs, or several operands, each an input.
 */
export function forEachOperand(args: Expr[], ctx: EvalCtx, fn: (v: Value) => void): void {
  if (args.length === 1) {
    const v = args[0]!(ctx);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) fn(v[i]);
    } else fn(v);
    return;
  }
  for (let i = 0; i < args.length; i++) fn(args[i]!(ctx));
}

/** Compile the operand list of an accumulator-style expression (any count, at least one). */
export function operandArgs(c: Compiler, path: JsonPath, arg: Value, name: string): Expr[] | null {
  return compileArgs(c, path, arg, name, 1, Infinity);
}
