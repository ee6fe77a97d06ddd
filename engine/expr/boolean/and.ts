// https://www.mongodb.com/docs/manual/reference/operator/aggregation/and/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $and: ExprOperator = {
  name: '$and',
  category: 'boolean',
  summary: 'True when every expression is truthy (false, null, missing and 0 are falsy); stops at the first falsy one.',
  docsUrl: docsUrl('and'),
  syntax: '{ $and: [ <expression1>, <expression2>, ... ] }',
  examples: [
    { doc: { qty: 150 }, expr: { $and: [{ $gt: ['$qty', 100] }, { $lt: ['$qty', 250] }] }, expected: true },
    { doc: { qty: 0 }, expr: { $and: ['$qty', true] }, expected: false },
    { doc: {}, expr: { $and: [] }, expected: true },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$and', 0, Infinity);
    if (!args) return NULL_EXPR;
    if (args.length === 2) {
      const a = args[0]!;
      const b = args[1]!;
      return (ctx) => truthy(a(ctx)) && truthy(b(ctx));
    }
    return (ctx) => {
      for (let i = 0; i < args.length; i++) if (!truthy(args[i]!(ctx))) return false;
      return true;
    };
  },
};
