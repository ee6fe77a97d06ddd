// https://www.mongodb.com/docs/manual/reference/operator/aggregation/abs/
import { Decimal128, Long } from 'bson';
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { numKind, KIND_DECIMAL, KIND_LONG, double, intOrLong, toNumber } from '../_shared/numeric';
import { isInt32 } from '../../bson/numbers';
import { unaryNumeric } from './_internal';

export const $abs: ExprOperator = {
  name: '$abs',
  category: 'arithmetic',
  summary: 'Absolute value of a number.',
  docsUrl: docsUrl('abs'),
  syntax: '{ $abs: <number> }',
  examples: [
    { doc: { delta: -5 }, expr: { $abs: '$delta' }, expected: 5 },
    { doc: {}, expr: { $abs: '$missing' }, expected: null },
    { doc: { s: 'x' }, expr: { $abs: '$s' }, error: '$abs only supports numeric types, not string' },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$abs', c, path, arg, (v) => {
      if (typeof v === 'number') return isInt32(v) ? intOrLong(Math.abs(v)) : Math.abs(v);
      const k = numKind(v);
      if (k === KIND_LONG) {
        const l = v as Long;
        if (l.equals(Long.MIN_VALUE)) throw new ExprError("can't take $abs of long long min");
        return l.isNegative() ? l.negate() : l;
      }
      if (k === KIND_DECIMAL) {
        const s = (v as Decimal128).toString();
        return s.startsWith('-') ? Decimal128.fromString(s.slice(1)) : v;
      }
      return double(Math.abs(toNumber(v)));
    });
  },
};
