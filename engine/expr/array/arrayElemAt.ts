// https://www.mongodb.com/docs/manual/reference/operator/aggregation/arrayelemat/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { numKind, toNumber } from '../_shared/numeric';
import { streamDouble, isNullish } from '../_shared/values';
import { checkConstantArg, int32Of } from './_internal';

// Messages and codes: src/mongo/db/exec/expression/evaluate_array.cpp (28689, 28690, 28691).
function arrayError(v: Value): string | undefined {
  return Array.isArray(v) ? undefined : `$arrayElemAt's first argument must be an array, but is ${typeName(v)}`;
}

function indexError(v: Value): string | undefined {
  if (numKind(v) < 0) return `$arrayElemAt's second argument must be a numeric value, but is ${typeName(v)}`;
  if (int32Of(v) === undefined) return `$arrayElemAt's second argument must be representable as a 32-bit integer: ${streamDouble(toNumber(v))}`;
  return undefined;
}

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
    const specs = arg as Value[];
    if (!checkConstantArg(c, [...path, 0], specs[0], arrayError) || !checkConstantArg(c, [...path, 1], specs[1], indexError)) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const arr = a(ctx);
      const idx = b(ctx);
      if (isNullish(arr) || isNullish(idx)) return null;
      const bad = arrayError(arr) ?? indexError(idx);
      if (bad !== undefined) throw new ExprError(bad);
      let i = toNumber(idx);
      if (i < 0) i += (arr as Value[]).length;
      return i < 0 || i >= (arr as Value[]).length ? undefined : (arr as Value[])[i];
    };
  },
};
