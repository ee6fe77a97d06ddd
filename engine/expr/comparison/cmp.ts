// https://www.mongodb.com/docs/manual/reference/operator/aggregation/cmp/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { cmpValues } from '../_shared/values';

export const $cmp: ExprOperator = {
  name: '$cmp',
  category: 'comparison',
  summary: 'Compares two values: -1 if the first is less, 0 if equal, 1 if greater (BSON order).',
  docsUrl: docsUrl('cmp'),
  syntax: '{ $cmp: [ <expression1>, <expression2> ] }',
  examples: [
    { doc: { qty: 300 }, expr: { $cmp: ['$qty', 250] }, expected: 1 },
    { doc: { qty: 250 }, expr: { $cmp: ['$qty', 250] }, expected: 0 },
    { doc: { name: 'abc' }, expr: { $cmp: ['$name', 5] }, expected: 1 },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$cmp', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      // Plain numbers (no NaN) are the hot case; everything else follows BSON order.
      if (typeof x === 'number' && typeof y === 'number' && x === x && y === y) return (x < y ? -1 : x > y ? 1 : 0);
      const r = cmpValues(x, y);
      return r;
    };
  },
};
