// https://www.mongodb.com/docs/manual/reference/operator/aggregation/reversearray/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $reverseArray: ExprOperator = {
  name: '$reverseArray',
  category: 'array',
  summary: 'The elements of an array in reverse order.',
  docsUrl: docsUrl('reverseArray'),
  syntax: '{ $reverseArray: <array> }',
  examples: [
    { doc: { a: [1, 2, 3] }, expr: { $reverseArray: '$a' }, expected: [3, 2, 1] },
    { doc: {}, expr: { $reverseArray: '$a' }, expected: null },
    { doc: { a: 'x' }, expr: { $reverseArray: '$a' }, error: 'The argument to $reverseArray must be an array, but was of type: string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$reverseArray', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (isNullish(v)) return null;
      if (!Array.isArray(v)) throw new ExprError(`The argument to $reverseArray must be an array, but was of type: ${typeName(v)}`);
      return v.slice().reverse();
    };
  },
};
