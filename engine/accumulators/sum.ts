// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';
import { addNum, mergeNum, mergeNumInto, newNumSum, numTotal, restoreNum, snapshotNum, typedNumber, type NumSum } from './_numeric';

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
      result: (s: NumSum) => typedNumber(numTotal(s), s.kind, s.sawLong),
      mergedResult: (a: NumSum, b: NumSum) => typedNumber(a.sum + b.sum + (a.c + b.c), Math.max(a.kind, b.kind), a.sawLong || b.sawLong),
      snapshot: snapshotNum,
      restore: restoreNum,
    };
  },
};
