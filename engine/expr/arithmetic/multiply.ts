// https://www.mongodb.com/docs/manual/reference/operator/aggregation/multiply/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { EvalCtx, Expr, ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { Long } from 'bson';
import { KIND_DECIMAL, KIND_DOUBLE, KIND_INT, KIND_LONG, bigOf, double, mul2, numKind, toNumber } from '../_shared/numeric';
import { type Dec, decFromNumber, decMul, fromDec, toDec } from '../_shared/decimal';
import { isNullish } from '../_shared/values';

/**
 * MongoDB's MultiplyState: a double product and an exact integer product side by side; the
 * integer one is dropped (the result becomes a double) when it would overflow int64. The first
 * decimal converts the partial product (a double to 15 digits).
 */
function multiplyAll(args: Expr[], ctx: EvalCtx): Value {
  let kind = KIND_INT;
  let dbl = 1;
  let big = 1n;
  let dec: Dec | null = null;
  let decNaN = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!(ctx);
    if (isNullish(v)) return null;
    const k = numKind(v);
    if (k < 0) throw new ExprError(`$multiply only supports numeric types, not ${typeName(v)}`);
    const old = kind;
    if (k > kind) kind = k;
    if (kind === KIND_DECIMAL) {
      if (old !== KIND_DECIMAL) dec = old === KIND_DOUBLE ? toDec(dbl) : { c: big, e: 0 };
      const d = toDec(v);
      if (d === null || dec === null) {
        decNaN = true;
        dbl *= toNumber(v);
      } else dec = decMul(dec, d);
      continue;
    }
    const n = toNumber(v);
    dbl *= n;
    if (kind !== KIND_DOUBLE) {
      const p = big * bigOf(v);
      if (p < INT64_MIN || p > INT64_MAX) kind = KIND_DOUBLE;
      else big = p;
    }
  }
  switch (kind) {
    case KIND_DOUBLE:
      return double(dbl);
    case KIND_LONG:
      return Long.fromBigInt(big);
    case KIND_INT:
      return big >= -2147483648n && big <= 2147483647n ? Number(big) : Long.fromBigInt(big);
    default:
      return decNaN || dec === null ? decFromNumber(dbl) : fromDec(dec);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export const $multiply: ExprOperator = {
  name: '$multiply',
  category: 'arithmetic',
  summary: 'Multiplies numbers.',
  docsUrl: docsUrl('multiply'),
  syntax: '{ $multiply: [ <number>, <number>, ... ] }',
  examples: [
    { doc: { price: 10, qty: 3 }, expr: { $multiply: ['$price', '$qty'] }, expected: 30 },
    { doc: { price: 10 }, expr: { $multiply: ['$price', '$qty'] }, expected: null },
    { doc: { price: 10, qty: '3' }, expr: { $multiply: ['$price', '$qty'] }, error: '$multiply only supports numeric types, not string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$multiply', 0, Infinity);
    if (!args) return NULL_EXPR;
    if (args.length === 2) {
      const a = args[0]!;
      const b = args[1]!;
      return (ctx) => {
        const x = a(ctx);
        if (typeof x === 'number') {
          const y = b(ctx);
          if (typeof y === 'number') return mul2(x, y);
        }
        return multiplyAll(args, ctx);
      };
    }
    return (ctx) => multiplyAll(args, ctx);
  },
};
