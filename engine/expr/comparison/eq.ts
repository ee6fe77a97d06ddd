// https://www.mongodb.com/docs/manual/reference/operator/aggregation/eq/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { cmpValues } from '../_shared/values';

export const $eq: ExprOperator = {
  name: '$eq',
  category: 'comparison',
  summary: 'True when two values are equal (numbers compare by value across types).',
  docsUrl: docsUrl('eq'),
  syntax: '{ $eq: [ <expression1>, <expression2> ] }',
  examples: [
    { doc: { qty: 250 }, expr: { $eq: ['$qty', 250] }, expected: true },
    { doc: { qty: 250 }, expr: { $eq: ['$qty', '250'] }, expected: false },
    { doc: {}, expr: { $eq: ['$missing', null] }, expected: false },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$eq', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      // Plain numbers (no NaN) are the hot case; everything else follows BSON order.
      if (typeof x === 'number' && typeof y === 'number' && x === x && y === y) return x === y;
      const r = cmpValues(x, y);
      return r === 0;
    };
  },
};
