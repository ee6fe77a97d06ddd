// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setunion/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { ValueSet } from './_internal';
import { isNullish } from '../_shared/values';

export const $setUnion: ExprOperator = {
  name: '$setUnion',
  category: 'set',
  summary: 'Distinct elements present in any of the arrays.',
  docsUrl: docsUrl('setUnion'),
  syntax: '{ $setUnion: [ <array1>, <array2>, ... ] }',
  examples: [
    { doc: { a: [1, 2], b: [2, 3] }, expr: { $setUnion: ['$a', '$b'] }, expected: [1, 2, 3] },
    { doc: { a: [1, 2] }, expr: { $setUnion: ['$a', '$b'] }, expected: null },
    { doc: { a: [1], b: 'x' }, expr: { $setUnion: ['$a', '$b'] }, error: 'All operands of $setUnion must be arrays. One argument is of type: string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$setUnion', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      const s = new ValueSet();
      for (const f of args) {
        const v = f(ctx);
        if (isNullish(v)) return null;
        if (!Array.isArray(v)) throw new ExprError(`All operands of $setUnion must be arrays. One argument is of type: ${typeName(v)}`);
        for (const x of v) s.add(x);
      }
      return s.values;
    };
  },
};
