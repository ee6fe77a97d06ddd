// https://www.mongodb.com/docs/manual/reference/operator/aggregation/concatarrays/
import { grownArray } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $concatArrays: ExprOperator = {
  name: '$concatArrays',
  category: 'array',
  summary: 'Joins arrays into one; null if any argument is null or missing.',
  docsUrl: docsUrl('concatArrays'),
  syntax: '{ $concatArrays: [ <array1>, <array2>, ... ] }',
  examples: [
    { doc: { a: [1, 2], b: [3] }, expr: { $concatArrays: ['$a', '$b', [4]] }, expected: [1, 2, 3, 4] },
    { doc: { a: [1] }, expr: { $concatArrays: ['$a', '$b'] }, expected: null },
    { doc: { a: [1], b: 2 }, expr: { $concatArrays: ['$a', '$b'] }, error: '$concatArrays only supports arrays, not int' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$concatArrays', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      const out: Value[] = [];
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!(ctx);
        if (isNullish(v)) return null;
        if (!Array.isArray(v)) throw new ExprError(`$concatArrays only supports arrays, not ${typeName(v)}`);
        for (let j = 0; j < v.length; j++) out.push(v[j]);
      }
      return grownArray(ctx, out, '$concatArrays');
    };
  },
};
