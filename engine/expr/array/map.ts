// https://www.mongodb.com/docs/manual/reference/operator/aggregation/map/
import { grownArray } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { withElementVars } from './_internal';
import { isNullish } from '../_shared/values';

export const $map: ExprOperator = {
  name: '$map',
  category: 'array',
  summary: 'Applies an expression to each element of an array (`as` names the element, default `this`).',
  docsUrl: docsUrl('map'),
  syntax: '{ $map: { input: <array>, as: <string>, in: <expression> } }',
  snippet: '{ input: ${1:\\$items}, as: "${2:item}", in: ${3:"\\$\\$item"} }',
  examples: [
    { doc: { q: [5, 6] }, expr: { $map: { input: '$q', as: 'g', in: { $add: ['$$g', 2] } } }, expected: [7, 8] },
    { doc: { q: [{ a: 1 }, {}] }, expr: { $map: { input: '$q', in: '$$this.a' } }, expected: [1, null] },
    { doc: {}, expr: { $map: { input: '$q', in: '$$this' } }, expected: null },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$map', ['input', 'as', 'in', 'arrayIndexAs'], ['input', 'in'], {
      notObject: () => '$map only supports an object as its argument',
      unknown: (k) => `Unrecognized parameter to $map: ${k}`,
      missing: (k) => `Missing '${k}' parameter to $map`,
    });
    if (!args) return NULL_EXPR;
    const input = c.expr(args['input'], [...path, 'input']);
    const vars = withElementVars(c, path, '$map', args, 'in');
    if (!vars) return NULL_EXPR;
    const body = vars.body;
    return (ctx) => {
      const arr = input(ctx);
      if (isNullish(arr)) return null;
      if (!Array.isArray(arr)) throw new ExprError(`input to $map must be an array not ${typeName(arr)}`);
      const saved = vars.save(ctx);
      const out: Value[] = new Array(arr.length);
      try {
        for (let i = 0; i < arr.length; i++) {
          vars.set(ctx, arr[i], i);
          const v = body(ctx);
          out[i] = v === undefined ? null : v;
        }
      } finally {
        vars.restore(ctx, saved);
      }
      return grownArray(ctx, out, '$map');
    };
  },
};
