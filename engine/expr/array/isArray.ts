// https://www.mongodb.com/docs/manual/reference/operator/aggregation/isarray/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';

export const $isArray: ExprOperator = {
  name: '$isArray',
  category: 'array',
  summary: 'True when the value is an array.',
  docsUrl: docsUrl('isArray'),
  syntax: '{ $isArray: [ <expression> ] }',
  examples: [
    { doc: { a: [1] }, expr: { $isArray: ['$a'] }, expected: true },
    { doc: { a: 'x' }, expr: { $isArray: '$a' }, expected: false },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$isArray', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => Array.isArray(a(ctx));
  },
};
