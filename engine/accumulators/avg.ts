// https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';
import { addNum, KIND_DECIMAL, KIND_DOUBLE, mergeNum, mergeNumInto, newNumSum, numTotal, restoreNum, snapshotNum, typedNumber, type NumSum } from './_numeric';

export const avg: AccumulatorSpec = {
  name: '$avg',
  summary: 'Average of the numeric values; null when there are none.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/',
  syntax: '{ $avg: <expression> }',
  examples: [
    { title: 'average', input: [{ w: 2 }, { w: 4 }, { w: null }, { w: 'x' }], acc: { $avg: '$w' }, expected: 3 },
    { title: 'no numbers', input: [{ w: 'x' }, {}], acc: { $avg: '$w' }, expected: null },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$avg', arg, c, path);
    if (!f) return undefined;
    // Only a running sum and count: no buffering.
    return {
      init: newNumSum,
      add(s: NumSum, ctx) {
        addNum(s, f(ctx));
        return s;
      },
      input: f,
      step(s: NumSum, v) {
        addNum(s, v);
        return s;
      },
      merge: mergeNum,
      mergeInto: mergeNumInto,
      result: (s: NumSum) => (s.n === 0 ? null : typedNumber(numTotal(s) / s.n, s.kind === KIND_DECIMAL ? KIND_DECIMAL : KIND_DOUBLE, false)),
      mergedResult(a: NumSum, b: NumSum) {
        const n = a.n + b.n;
        if (n === 0) return null;
        const decimal = a.kind === KIND_DECIMAL || b.kind === KIND_DECIMAL;
        return typedNumber((a.sum + b.sum + (a.c + b.c)) / n, decimal ? KIND_DECIMAL : KIND_DOUBLE, false);
      },
      snapshot: snapshotNum,
      restore: restoreNum,
    };
  },
};
