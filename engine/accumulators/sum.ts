// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';
import { addNum, mergeNum, mergeNumInto, newNumSum, restoreNum, snapshotNum, sumResult, type NumSum } from '../expr/_shared/summation';

export const sum: AccumulatorSpec = {
  name: '$sum',
  summary: 'Sum of the numeric values; non-numeric values are ignored (0 when there are none).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/',
  syntax: '{ $sum: <expression> }',
  examples: [
    { title: 'total', input: [{ qty: 2 }, { qty: 3 }, { qty: 'x' }, {}], acc: { $sum: '$qty' }, expected: 5 },
    { title: 'count with a constant', input: [{}, {}, {}], acc: { $sum: 1 }, expected: 3 },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$sum', arg, c, path);
    if (!f) return undefined;
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
      result: sumResult,
      mergedResult: (a: NumSum, b: NumSum) => sumResult(mergeNum(a, b)),
      snapshot: snapshotNum,
      restore: restoreNum,
    };
  },
};
