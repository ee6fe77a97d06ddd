// https://www.mongodb.com/docs/manual/reference/operator/aggregation/pow/
import { Long } from 'bson';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { decFromNumber } from '../_shared/decimal';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, KIND_LONG, isIntegral, longResult, numKind, toNumber } from '../_shared/numeric';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Integer powers stay integers while they fit in 64 bits; otherwise a double, as in MongoDB. */
function pow(base: Value, exp: Value): Value {
  const kb = numKind(base);
  const ke = numKind(exp);
  const b = toNumber(base);
  const e = toNumber(exp);
  if (b === 0 && e < 0) throw new ExprError('$pow cannot take a base of 0 and a negative exponent');
  if (kb === KIND_DECIMAL || ke === KIND_DECIMAL) return decFromNumber(Math.pow(b, e));
  if (!isIntegral(base) || !isIntegral(exp)) return Math.pow(b, e);
  const anyLong = kb === KIND_LONG || ke === KIND_LONG;
  const bb = kb === KIND_LONG ? (base as Long).toBigInt() : BigInt(b);
  const eb = ke === KIND_LONG ? (exp as Long).toBigInt() : BigInt(e);
  let r: bigint;
  if (bb === 0n) r = eb === 0n ? 1n : 0n;
  else if (bb === 1n) r = 1n;
  else if (bb === -1n) r = eb % 2n === 0n ? 1n : -1n;
  else if (eb < 0n || eb > 63n) return Math.pow(b, e);
  else {
    r = bb ** eb;
    if (r > INT64_MAX || r < INT64_MIN) return Math.pow(b, e);
  }
  if (anyLong) return longResult(r);
  const n = Number(r);
  return Number.isSafeInteger(n) ? n : Long.fromBigInt(r);
}

export const $pow: ExprOperator = {
  name: '$pow',
  category: 'arithmetic',
  summary: 'Raises a number to an exponent.',
  docsUrl: docsUrl('pow'),
  syntax: '{ $pow: [ <base>, <exponent> ] }',
  examples: [
    { doc: { side: 5 }, expr: { $pow: ['$side', 2] }, expected: 25 },
    { doc: { v: 2 }, expr: { $pow: ['$v', -1] }, expected: 0.5 },
    { doc: { v: 0 }, expr: { $pow: ['$v', -1] }, error: '$pow cannot take a base of 0 and a negative exponent' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$pow', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const base = a(ctx);
      const exp = b(ctx);
      if (base === null || base === undefined || exp === null || exp === undefined) return null;
      if (numKind(base) < 0) throw new ExprError(`$pow's base must be numeric, not ${typeName(base)}`);
      if (numKind(exp) < 0) throw new ExprError(`$pow's exponent must be numeric, not ${typeName(exp)}`);
      return pow(base, exp);
    };
  },
};
