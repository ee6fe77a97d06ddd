// https://www.mongodb.com/docs/manual/reference/operator/aggregation/slice/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { numKind, toNumber } from '../_shared/numeric';
import { streamDouble, isNullish } from '../_shared/values';
import { checkConstantArg, int32Of } from './_internal';

// Messages and codes: src/mongo/db/exec/expression/evaluate_array.cpp (28724 ... 28729).
function arrayError(v: Value): string | undefined {
  return Array.isArray(v) ? undefined : `First argument to $slice must be an array, but is of type: ${typeName(v)}`;
}

function secondError(v: Value): string | undefined {
  if (numKind(v) < 0) return `Second argument to $slice must be a numeric value, but is of type: ${typeName(v)}`;
  if (int32Of(v) === undefined) return `Second argument to $slice can't be represented as a 32-bit integer: ${streamDouble(toNumber(v))}`;
  return undefined;
}

function countError(v: Value): string | undefined {
  if (numKind(v) < 0) return `Third argument to $slice must be numeric, but is of type: ${typeName(v)}`;
  const n = int32Of(v);
  if (n === undefined) return `Third argument to $slice can't be represented as a 32-bit integer: ${streamDouble(toNumber(v))}`;
  if (n <= 0) return `Third argument to $slice must be positive: ${n}`;
  return undefined;
}

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
    const specs = arg as Value[];
    const checks = [arrayError, secondError, countError];
    for (let i = 0; i < args.length; i++) if (!checkConstantArg(c, [...path, i], specs[i], checks[i]!)) return NULL_EXPR;
    const [arrArg, secondArg, countArg] = args;
    return (ctx) => {
      const arr = arrArg!(ctx);
      const second = secondArg!(ctx);
      if (isNullish(arr) || isNullish(second)) return null;
      const bad = arrayError(arr) ?? secondError(second);
      if (bad !== undefined) throw new ExprError(bad);
      const a = arr as Value[];
      const s = toNumber(second);
      if (!countArg) return s >= 0 ? a.slice(0, s) : a.slice(Math.max(0, a.length + s));
      const start = s < 0 ? Math.max(0, a.length + s) : Math.min(a.length, s);
      const count = countArg(ctx);
      if (isNullish(count)) return null;
      const badCount = countError(count);
      if (badCount !== undefined) throw new ExprError(badCount);
      return a.slice(start, start + toNumber(count));
    };
  },
};
