// https://www.mongodb.com/docs/manual/reference/operator/aggregation/arrayelemat/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isIntegral, numKind, toNumber } from '../_shared/numeric';

export const $arrayElemAt: ExprOperator = {
  name: '$arrayElemAt',
  category: 'array',
  summary: 'Element at an index; negative indexes count from the end; out of range gives missing.',
  docsUrl: docsUrl('arrayElemAt'),
  syntax: '{ $arrayElemAt: [ <array>, <idx> ] }',
  examples: [
    { doc: { items: ['a', 'b', 'c'] }, expr: { $arrayElemAt: ['$items', 0] }, expected: 'a' },
    { doc: { items: ['a', 'b', 'c'] }, expr: { $arrayElemAt: ['$items', -1] }, expected: 'c' },
    { doc: { items: ['a'] }, expr: { $arrayElemAt: ['$items', 5] }, expected: undefined },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$arrayElemAt', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const arr = a(ctx);
      const idx = b(ctx);
      if (arr === null || arr === undefined || idx === null || idx === undefined) return null;
      if (!Array.isArray(arr)) throw new ExprError(`$arrayElemAt's first argument must be an array, but is ${typeName(arr)}`);
      if (numKind(idx) < 0) throw new ExprError(`$arrayElemAt's second argument must be a numeric value, but is ${typeName(idx)}`);
      if (!isIntegral(idx)) throw new ExprError(`$arrayElemAt's second argument must be representable as a 32-bit integer: ${toNumber(idx)}`);
      let i = toNumber(idx);
      if (i < 0) i += arr.length;
      return i < 0 || i >= arr.length ? undefined : arr[i];
    };
  },
};
