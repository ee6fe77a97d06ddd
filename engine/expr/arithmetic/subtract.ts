// https://www.mongodb.com/docs/manual/reference/operator/aggregation/subtract/
import { Long } from 'bson';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, KIND_DOUBLE, numKind, sub2, toNumber } from '../_shared/numeric';
import { quantize, toDec } from '../_shared/decimal';
import type { Value } from '../../core/types';
import { isNullish } from '../_shared/values';

export const $subtract: ExprOperator = {
  name: '$subtract',
  category: 'arithmetic',
  summary: 'Subtracts numbers, a number of milliseconds from a date, or two dates (milliseconds).',
  docsUrl: docsUrl('subtract'),
  syntax: '{ $subtract: [ <number|date>, <number|date> ] }',
  examples: [
    { doc: { total: 10, discount: 3 }, expr: { $subtract: ['$total', '$discount'] }, expected: 7 },
    { doc: { end: new Date('2024-01-01T00:01:00Z'), start: new Date('2024-01-01T00:00:00Z') }, expr: { $subtract: ['$end', '$start'] }, expected: Long.fromNumber(60000) },
    { doc: { n: 5, s: 'x' }, expr: { $subtract: ['$n', '$s'] }, error: "can't $subtract string from int" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$subtract', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (typeof x === 'number' && typeof y === 'number') return sub2(x, y);
      const kx = numKind(x);
      const ky = numKind(y);
      if (kx >= 0 && ky >= 0) return sub2(x, y);
      if (isNullish(x) || isNullish(y)) return null;
      if (x instanceof Date) {
        if (y instanceof Date) return Long.fromNumber(x.getTime() - y.getTime());
        if (ky >= 0) return new Date(x.getTime() - dateMillis(y));
        throw new ExprError(`can't $subtract ${typeName(y)} from Date`);
      }
      throw new ExprError(`can't $subtract ${typeName(y)} from ${typeName(x)}`);
    };
  },
};

const TWO_63 = 9223372036854775808;

/** A number subtracted from a date, as milliseconds: llround for a double, half-even for a decimal. */
function dateMillis(v: Value): number {
  const k = numKind(v);
  if (k === KIND_DOUBLE) {
    const d = toNumber(v);
    if (!(d >= -TWO_63 && d < TWO_63)) throw new ExprError('date overflow', 'Overflow');
    return d < 0 ? -Math.round(-d) : Math.round(d);
  }
  if (k === KIND_DECIMAL) {
    const d = toDec(v);
    if (d === null) throw new ExprError('date overflow', 'Overflow');
    return Number(quantize(d, 0, 'halfEven').c);
  }
  return toNumber(v);
}
