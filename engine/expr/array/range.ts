// https://www.mongodb.com/docs/manual/reference/operator/aggregation/range/
import { EXCEEDED_MEMORY_LIMIT, MAX_RANGE_BYTES, VALUE_BYTES, grownArray } from '../_shared/memory';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isIntegral, numKind, toNumber } from '../_shared/numeric';
import { repr } from '../_shared/values';

function int32(v: Value, what: string, article: string): number {
  if (numKind(v) < 0) throw new ExprError(`$range requires a numeric ${what} value, found value of type: ${typeName(v)}`);
  if (!isIntegral(v)) throw new ExprError(`$range requires ${article} ${what} value that can be represented as a 32-bit integer, found value: ${repr(v)}`);
  return toNumber(v);
}

/** sizeof(std::vector<Value>) in MongoDB's estimate. */
const RANGE_VECTOR_BYTES = 24;

export const $range: ExprOperator = {
  name: '$range',
  category: 'array',
  summary: 'Array of integers from start (inclusive) to end (exclusive) by step.',
  docsUrl: docsUrl('range'),
  syntax: '{ $range: [ <start>, <end>, <non-zero step> ] }',
  examples: [
    { doc: {}, expr: { $range: [0, 10, 3] }, expected: [0, 3, 6, 9] },
    { doc: {}, expr: { $range: [5, 0, -2] }, expected: [5, 3, 1] },
    { doc: {}, expr: { $range: [0, 5, 0] }, error: '$range requires a non-zero step value' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$range', 2, 3);
    if (!args) return NULL_EXPR;
    const [startArg, endArg, stepArg] = args;
    return (ctx) => {
      let cur = int32(startArg!(ctx), 'starting', 'a');
      const end = int32(endArg!(ctx), 'ending', 'an');
      let step = 1;
      if (stepArg) {
        const s = stepArg(ctx);
        if (numKind(s) < 0) throw new ExprError(`$range requires a numeric step value, found value of type:${typeName(s)}`);
        if (!isIntegral(s)) throw new ExprError(`$range requires a step value that can be represented as a 32-bit integer, found value: ${repr(s)}`);
        step = toNumber(s);
        if (step === 0) throw new ExprError('$range requires a non-zero step value');
      }
      // ExpressionRange: refuse before building, with MongoDB's estimate (a vector plus one Value each).
      const steps = Math.trunc((end - cur) / step);
      const memNeeded = RANGE_VECTOR_BYTES + (steps >= 0 ? 1 + steps : 0) * VALUE_BYTES;
      if (memNeeded >= MAX_RANGE_BYTES) {
        throw new ExprError(`$range would use too much memory (${memNeeded} bytes) and cannot spill to disk. Memory limit: ${MAX_RANGE_BYTES} bytes`, EXCEEDED_MEMORY_LIMIT);
      }
      const out: number[] = [];
      for (; step > 0 ? cur < end : cur > end; cur += step) out.push(cur);
      return grownArray(ctx, out, '$range');
    };
  },
};
