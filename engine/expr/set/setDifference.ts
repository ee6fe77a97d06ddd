// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setdifference/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { ValueSet } from './_internal';
import { isNullish } from '../_shared/values';

export const $setDifference: ExprOperator = {
  name: '$setDifference',
  category: 'set',
  summary: 'Distinct elements of the first array that are not in the second.',
  docsUrl: docsUrl('setDifference'),
  syntax: '{ $setDifference: [ <array1>, <array2> ] }',
  examples: [
    { doc: { a: ['x', 'y', 'y', 'z'], b: ['z'] }, expr: { $setDifference: ['$a', '$b'] }, expected: ['x', 'y'] },
    { doc: { a: [1] }, expr: { $setDifference: ['$a', '$b'] }, expected: null },
    { doc: { a: 1, b: [] }, expr: { $setDifference: ['$a', '$b'] }, error: 'both operands of $setDifference must be arrays. First argument is of type: int' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$setDifference', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (isNullish(x) || isNullish(y)) return null;
      if (!Array.isArray(x)) throw new ExprError(`both operands of $setDifference must be arrays. First argument is of type: ${typeName(x)}`);
      if (!Array.isArray(y)) throw new ExprError(`both operands of $setDifference must be arrays. Second argument is of type: ${typeName(y)}`);
      const seen = new ValueSet(y);
      return x.filter((v) => seen.add(v));
    };
  },
};
