// https://www.mongodb.com/docs/manual/reference/operator/aggregation/lt/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { cmpValues } from '../_shared/values';

export const $lt: ExprOperator = {
  name: '$lt',
  category: 'comparison',
  summary: 'True when the first value is less than the second (BSON order).',
  docsUrl: docsUrl('lt'),
  syntax: '{ $lt: [ <expression1>, <expression2> ] }',
  examples: [
    { doc: { qty: 200 }, expr: { $lt: ['$qty', 250] }, expected: true },
    { doc: { qty: null }, expr: { $lt: ['$qty', 250] }, expected: true },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$lt', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      // Plain numbers (no NaN) are the hot case; everything else follows BSON order.
      if (typeof x === 'number' && typeof y === 'number' && x === x && y === y) return x < y;
      const r = cmpValues(x, y);
      return r < 0;
    };
  },
};
