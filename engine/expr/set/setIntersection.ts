// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setintersection/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { ValueSet } from './_internal';
import { isNullish } from '../_shared/values';

export const $setIntersection: ExprOperator = {
  name: '$setIntersection',
  category: 'set',
  summary: 'Distinct elements present in every array.',
  docsUrl: docsUrl('setIntersection'),
  syntax: '{ $setIntersection: [ <array1>, <array2>, ... ] }',
  examples: [
    { doc: { a: ['x', 'y', 'z'], b: ['z', 'x', 'w'] }, expr: { $setIntersection: ['$a', '$b'] }, expected: ['x', 'z'] },
    { doc: { a: ['x'] }, expr: { $setIntersection: ['$a', null] }, expected: null },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$setIntersection', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      let current: Value[] | undefined;
      for (const f of args) {
        const v = f(ctx);
        if (isNullish(v)) return null;
        if (!Array.isArray(v)) throw new ExprError(`All operands of $setIntersection must be arrays. One argument is of type: ${typeName(v)}`);
        if (!current) current = new ValueSet(v).values;
        else {
          const s = new ValueSet(v);
          current = current.filter((x) => s.has(x));
        }
      }
      return current ?? [];
    };
  },
};
