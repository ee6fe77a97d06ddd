// https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/
import { Double } from 'bson';
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';
import { addNum, avgResult, mergeNum, mergeNumInto, newNumSum, restoreNum, snapshotNum, type NumSum } from '../expr/_shared/summation';

export const avg: AccumulatorSpec = {
  name: '$avg',
  summary: 'Average of the numeric values; null when there are none.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/',
  syntax: '{ $avg: <expression> }',
  examples: [
    { title: 'average', input: [{ w: 2 }, { w: 4 }, { w: null }, { w: 'x' }], acc: { $avg: '$w' }, expected: new Double(3) },
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
      result: avgResult,
      mergedResult: (a: NumSum, b: NumSum) => avgResult(mergeNum(a, b)),
      snapshot: snapshotNum,
      restore: restoreNum,
    };
  },
};
