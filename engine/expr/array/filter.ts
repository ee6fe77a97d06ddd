// https://www.mongodb.com/docs/manual/reference/operator/aggregation/filter/
import { grownArray } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isIntegral, toNumber } from '../_shared/numeric';
import { repr, truthy, isNullish } from '../_shared/values';
import { withElementVars } from './_internal';

export const $filter: ExprOperator = {
  name: '$filter',
  category: 'array',
  summary: 'Elements of an array for which `cond` is truthy (`as` names the element, default `this`).',
  docsUrl: docsUrl('filter'),
  syntax: '{ $filter: { input: <array>, as: <string>, cond: <expression>, limit: <number> } }',
  snippet: '{ input: ${1:\\$items}, as: "${2:item}", cond: ${3:{ \\$gte: ["\\$\\$item.price", 100] }} }',
  examples: [
    { doc: { items: [{ price: 10 }, { price: 150 }] }, expr: { $filter: { input: '$items', as: 'item', cond: { $gte: ['$$item.price', 100] } } }, expected: [{ price: 150 }] },
    { doc: { n: [1, 2, 3, 4] }, expr: { $filter: { input: '$n', cond: { $gt: ['$$this', 1] }, limit: 2 } }, expected: [2, 3] },
    { doc: { n: 5 }, expr: { $filter: { input: '$n', cond: true } }, error: 'input to $filter must be an array not int' },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$filter', ['input', 'as', 'cond', 'limit', 'arrayIndexAs'], ['input', 'cond'], {
      notObject: () => '$filter only supports an object as its argument',
      unknown: (k) => `Unrecognized parameter to $filter: ${k}`,
      missing: (k) => `Missing '${k}' parameter to $filter`,
    });
    if (!args) return NULL_EXPR;
    const input = c.expr(args['input'], [...path, 'input']);
    const limitExpr = args['limit'] === undefined ? undefined : c.expr(args['limit'], [...path, 'limit']);
    const vars = withElementVars(c, path, '$filter', args, 'cond');
    if (!vars) return NULL_EXPR;
    const body = vars.body;
    return (ctx) => {
      const arr = input(ctx);
      if (isNullish(arr)) return null;
      if (!Array.isArray(arr)) throw new ExprError(`input to $filter must be an array not ${typeName(arr)}`);
      let limit = Infinity;
      if (limitExpr) {
        const l = limitExpr(ctx);
        if (!isNullish(l)) {
          if (!isIntegral(l)) throw new ExprError(`$filter: limit must be represented as a 32-bit integral value: ${repr(l)}`);
          limit = toNumber(l);
          if (limit < 1) throw new ExprError(`$filter: limit must be greater than 0: ${repr(l)}`);
        }
      }
      const saved = vars.save(ctx);
      const out: Value[] = [];
      try {
        for (let i = 0; i < arr.length && out.length < limit; i++) {
          vars.set(ctx, arr[i], i);
          if (truthy(body(ctx))) out.push(arr[i]);
        }
      } finally {
        vars.restore(ctx, saved);
      }
      return grownArray(ctx, out, '$filter');
    };
  },
};
