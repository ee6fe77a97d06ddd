// https://www.mongodb.com/docs/manual/reference/operator/aggregation/not/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $not: ExprOperator = {
  name: '$not',
  category: 'boolean',
  summary: 'The boolean opposite of an expression (null, missing and 0 count as false).',
  docsUrl: docsUrl('not'),
  syntax: '{ $not: [ <expression> ] }',
  examples: [
    { doc: { qty: 300 }, expr: { $not: [{ $gt: ['$qty', 250] }] }, expected: false },
    { doc: {}, expr: { $not: ['$missing'] }, expected: true },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$not', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => !truthy(a(ctx));
  },
};
