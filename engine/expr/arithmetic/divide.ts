// https://www.mongodb.com/docs/manual/reference/operator/aggregation/divide/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { div2, double, isZero, numKind } from '../_shared/numeric';
import { Double } from 'bson';
import { isNullish } from '../_shared/values';

export const $divide: ExprOperator = {
  name: '$divide',
  category: 'arithmetic',
  summary: 'Divides one number by another.',
  docsUrl: docsUrl('divide'),
  syntax: '{ $divide: [ <dividend>, <divisor> ] }',
  examples: [
    { doc: { hours: 18 }, expr: { $divide: ['$hours', 8] }, expected: 2.25 },
    { doc: { a: 6, b: 3 }, expr: { $divide: ['$a', '$b'] }, expected: new Double(2) },
    { doc: { hours: 18, workers: 0 }, expr: { $divide: ['$hours', '$workers'] }, error: "can't $divide by zero" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$divide', 2);
    if (!args) return NULL_EXPR;
    const [a, b] = args as [typeof args[0], typeof args[0]];
    return (ctx) => {
      const x = a!(ctx);
      const y = b!(ctx);
      if (typeof x === 'number' && typeof y === 'number') {
        if (y === 0) throw new ExprError("can't $divide by zero");
        return double(x / y);
      }
      if (numKind(x) >= 0 && numKind(y) >= 0) {
        if (isZero(y)) throw new ExprError("can't $divide by zero");
        return div2(x, y);
      }
      if (isNullish(x) || isNullish(y)) return null;
      throw new ExprError(`$divide only supports numeric types, not ${typeName(x)} and ${typeName(y)}`);
    };
  },
};
