// https://www.mongodb.com/docs/manual/reference/operator/aggregation/pow/
import { Long } from 'bson';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { decFromNumber } from '../_shared/decimal';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, KIND_DOUBLE, KIND_INT, bigOf, double, numKind, toNumber } from '../_shared/numeric';
import { isNullish } from '../_shared/values';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * ExpressionPow by operand types: decimal if either is, a double if either is, else an exact
 * integer power that stays an int (both ints, result fits), else a long, else a double.
 */
function pow(base: Value, exp: Value): Value {
  const kb = numKind(base);
  const ke = numKind(exp);
  const b = toNumber(base);
  const e = toNumber(exp);
  if (b === 0 && e < 0) throw new ExprError('$pow cannot take a base of 0 and a negative exponent');
  if (kb === KIND_DECIMAL || ke === KIND_DECIMAL) return decFromNumber(Math.pow(b, e));
  if (kb === KIND_DOUBLE || ke === KIND_DOUBLE) return double(Math.pow(b, e));
  const ints = kb === KIND_INT && ke === KIND_INT;
  const bb = bigOf(base);
  const eb = bigOf(exp);
  let r: bigint;
  if (eb < 0n) {
    if (bb === 1n) r = 1n;
    else if (bb === -1n) r = eb % 2n === 0n ? 1n : -1n;
    else return double(Math.pow(b, e));
  } else if (bb === 0n || bb === 1n) r = eb === 0n ? 1n : bb;
  else if (bb === -1n) r = eb % 2n === 0n ? 1n : -1n;
  else if (eb > 63n) return double(Math.pow(b, e));
  else {
    r = bb ** eb;
    if (r > INT64_MAX || r < INT64_MIN) return double(Math.pow(b, e));
  }
  if (ints && r >= -2147483648n && r <= 2147483647n) return Number(r);
  return Long.fromBigInt(r);
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
      if (isNullish(base) || isNullish(exp)) return null;
      if (numKind(base) < 0) throw new ExprError(`$pow's base must be numeric, not ${typeName(base)}`);
      if (numKind(exp) < 0) throw new ExprError(`$pow's exponent must be numeric, not ${typeName(exp)}`);
      return pow(base, exp);
    };
  },
};
