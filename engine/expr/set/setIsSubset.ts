// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setissubset/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { ValueSet } from './_internal';

export const $setIsSubset: ExprOperator = {
  name: '$setIsSubset',
  category: 'set',
  summary: 'True when every element of the first array is in the second.',
  docsUrl: docsUrl('setIsSubset'),
  syntax: '{ $setIsSubset: [ <array1>, <array2> ] }',
  examples: [
    { doc: { a: ['x', 'x'], b: ['x', 'y'] }, expr: { $setIsSubset: ['$a', '$b'] }, expected: true },
    { doc: { a: ['z'], b: ['x'] }, expr: { $setIsSubset: ['$a', '$b'] }, expected: false },
    { doc: { b: ['x'] }, expr: { $setIsSubset: ['$a', '$b'] }, error: 'both operands of $setIsSubset must be arrays. First argument is of type: missing' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$setIsSubset', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (!Array.isArray(x)) throw new ExprError(`both operands of $setIsSubset must be arrays. First argument is of type: ${typeName(x)}`);
      if (!Array.isArray(y)) throw new ExprError(`both operands of $setIsSubset must be arrays. Second argument is of type: ${typeName(y)}`);
      const s = new ValueSet(y);
      return x.every((v) => s.has(v));
    };
  },
};
