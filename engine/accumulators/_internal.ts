/** Helpers shared by the accumulator files. */
import type { JsonPath, Value } from '../core/types';
import type { Compiler, Expr } from '../expr/types';
import { isPlainObject, typeName } from '../bson/types';
import { compare } from '../bson/compare';
import { ExprError } from '../core/errors';
import { EXCEEDED_MEMORY_LIMIT, MAX_ACCUMULATOR_BYTES, approxSize } from '../expr/_shared/memory';
import { numberKind, numberValue } from '../bson/numbers';

export const ACC_ARG_CODE = 'ASP341';

export function accError(c: Compiler, path: JsonPath, message: string): undefined {
  c.report({ code: ACC_ARG_CODE, message, severity: 'error', path });
  return undefined;
}

/** Accumulators in `$group` take one expression; an array literal is rejected like MongoDB does. */
export function unaryExpr(name: string, arg: Value, c: Compiler, path: JsonPath): Expr | undefined {
  if (Array.isArray(arg)) return accError(c, path, `The ${name} accumulator is a unary operator`);
  return c.expr(arg, path);
}

/** Parse `{input, n}` (firstN, lastN, maxN, minN). */
export function inputAndN(
  name: string,
  arg: Value,
  c: Compiler,
  path: JsonPath,
): { input: Expr; n: Expr } | undefined {
  if (!isPlainObject(arg)) return accError(c, path, `specification must be an object; found ${typeName(arg)}`);
  for (const k of Object.keys(arg)) {
    if (k !== 'input' && k !== 'n') return accError(c, [...path, k], `${name} found an unknown argument: ${k}`);
  }
  if (!('input' in arg)) return accError(c, path, `${name} requires an 'input' field`);
  if (!('n' in arg)) return accError(c, path, `${name} requires an 'n' field`);
  return { input: c.expr(arg['input'], [...path, 'input']), n: c.expr(arg['n'], [...path, 'n']) };
}

/** `n` is evaluated once, on the first document of the group (MongoDB requires it constant). */
export function checkN(name: string, v: Value): number {
  const k = numberKind(v);
  const n = numberValue(v);
  if (k < 0 || !Number.isInteger(n)) {
    throw new ExprError(`Value for 'n' must be of integral type, but found ${typeName(v)}`);
  }
  if (n <= 0) throw new ExprError(`'n' must be greater than 0, found ${n}`);
  return n;
}

export { isNumber as isNumeric } from '../bson/types';

/**
 * The bytes an accumulator's state holds ($push, $addToSet), with MongoDB's refusal past
 * internalQueryMax{Push,AddToSet}Bytes (100 MB, ExceededMemoryLimit). Kept beside the state so
 * the state itself (and its checkpoint form) stays a plain array or map.
 */
export class AccumulatedBytes {
  private readonly bytes = new WeakMap<object, number>();
  constructor(private readonly name: string) {}

  add(state: object, v: Value): void {
    const n = (this.bytes.get(state) ?? 0) + approxSize(v);
    if (n >= MAX_ACCUMULATOR_BYTES) {
      throw new ExprError(`${this.name} used too much memory and cannot spill to disk. Memory limit: ${MAX_ACCUMULATOR_BYTES} bytes`, EXCEEDED_MEMORY_LIMIT);
    }
    this.bytes.set(state, n);
  }

  copy(from: object, to: object): void {
    const n = this.bytes.get(from);
    if (n !== undefined) this.bytes.set(to, n);
  }
}

/** Ascending BSON order with a fast path for numbers. */
export function cmp(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0;
  return compare(a, b);
}

