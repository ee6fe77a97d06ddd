// https://www.mongodb.com/docs/manual/reference/operator/aggregation/cond/
import { isPlainObject } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, compileArgs, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { truthy } from '../_shared/values';

export const $cond: ExprOperator = {
  name: '$cond',
  category: 'conditional',
  summary: 'Evaluates `then` when `if` is truthy, otherwise `else`.',
  docsUrl: docsUrl('cond'),
  syntax: '{ $cond: { if: <boolean>, then: <expr>, else: <expr> } }  or  { $cond: [ <if>, <then>, <else> ] }',
  snippet: '{ if: ${1:condition}, then: ${2:value}, else: ${3:value} }',
  examples: [
    { doc: { qty: 300 }, expr: { $cond: { if: { $gte: ['$qty', 250] }, then: 30, else: 20 } }, expected: 30 },
    { doc: { qty: 100 }, expr: { $cond: [{ $gte: ['$qty', 250] }, 30, 20] }, expected: 20 },
  ],
  compile(arg, c, path) {
    let parts: Expr[];
    if (isPlainObject(arg)) {
      const args = namedArgs(c, path, arg, '$cond', ['if', 'then', 'else'], ['if', 'then', 'else'], {
        unknown: (k) => `Unrecognized parameter to $cond: ${k}`,
        missing: (k) => `Missing '${k}' parameter to $cond`,
      });
      if (!args) return NULL_EXPR;
      parts = ['if', 'then', 'else'].map((k) => c.expr(args[k], [...path, k]));
    } else {
      const args = compileArgs(c, path, arg, '$cond', 3);
      if (!args) return NULL_EXPR;
      parts = args;
    }
    const [test, then, otherwise] = parts as [Expr, Expr, Expr];
    return (ctx) => (truthy(test(ctx)) ? then(ctx) : otherwise(ctx));
  },
};
