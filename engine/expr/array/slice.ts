// https://www.mongodb.com/docs/manual/reference/operator/aggregation/slice/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isIntegral, numKind, toNumber } from '../_shared/numeric';

export const $slice: ExprOperator = {
  name: '$slice',
  category: 'array',
  summary: 'A subset of an array: the first/last n elements, or n elements from a position.',
  docsUrl: docsUrl('slice'),
  syntax: '{ $slice: [ <array>, <n> ] }  or  { $slice: [ <array>, <position>, <n> ] }',
  examples: [
    { doc: { a: [1, 2, 3, 4] }, expr: { $slice: ['$a', 2] }, expected: [1, 2] },
    { doc: { a: [1, 2, 3, 4] }, expr: { $slice: ['$a', -2] }, expected: [3, 4] },
    { doc: { a: [1, 2, 3, 4] }, expr: { $slice: ['$a', 1, 2] }, expected: [2, 3] },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$slice', 2, 3);
    if (!args) return NULL_EXPR;
    const [arrArg, secondArg, countArg] = args;
    return (ctx) => {
      const arr = arrArg!(ctx);
      const second = secondArg!(ctx);
      if (arr === null || arr === undefined || second === null || second === undefined) return null;
      if (!Array.isArray(arr)) throw new ExprError(`First argument to $slice must be an array, but is of type: ${typeName(arr)}`);
      if (numKind(second) < 0) throw new ExprError(`Second argument to $slice must be a numeric value, but is of type: ${typeName(second)}`);
      if (!isIntegral(second)) throw new ExprError(`Second argument to $slice can't be represented as a 32-bit integer: ${toNumber(second)}`);
      const s = toNumber(second);
      if (!countArg) return s >= 0 ? arr.slice(0, s) : arr.slice(Math.max(0, arr.length + s));
      const start = s < 0 ? Math.max(0, arr.length + s) : Math.min(arr.length, s);
      const count = countArg(ctx);
      if (count === null || count === undefined) return null;
      if (numKind(count) < 0) throw new ExprError(`Third argument to $slice must be numeric, but is of type: ${typeName(count)}`);
      if (!isIntegral(count)) throw new ExprError(`Third argument to $slice can't be represented as a 32-bit integer: ${toNumber(count)}`);
      const n = toNumber(count);
      if (n <= 0) throw new ExprError(`Third argument to $slice must be positive: ${n}`);
      return arr.slice(start, start + n);
    };
  },
};
