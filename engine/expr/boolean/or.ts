// https://www.mongodb.com/docs/manual/reference/operator/aggregation/or/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $or: ExprOperator = {
  name: '$or',
  category: 'boolean',
  summary: 'True when any expression is truthy; stops at the first truthy one.',
  docsUrl: docsUrl('or'),
  syntax: '{ $or: [ <expression1>, <expression2>, ... ] }',
  examples: [
    { doc: { qty: 300 }, expr: { $or: [{ $gt: ['$qty', 250] }, { $lt: ['$qty', 200] }] }, expected: true },
    { doc: {}, expr: { $or: ['$missing', null, 0] }, expected: false },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$or', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      for (let i = 0; i < args.length; i++) if (truthy(args[i]!(ctx))) return true;
      return false;
    };
  },
};
