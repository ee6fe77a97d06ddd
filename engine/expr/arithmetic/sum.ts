// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sum/
import type { ExprOperator } from '../types';
import { NULL_EXPR } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { addNum, newNumSum, sumResult } from '../_shared/summation';
import { forEachOperand, operandArgs } from './_internal';

export const $sum: ExprOperator = {
  name: '$sum',
  category: 'arithmetic',
  summary: 'Sum of the numbers in an array, or of several operands; non-numbers are ignored.',
  docsUrl: docsUrl('sum'),
  syntax: '{ $sum: <array> }  or  { $sum: [ <expr>, <expr>, ... ] }',
  examples: [
    { doc: { scores: [10, 20, 'x', null] }, expr: { $sum: '$scores' }, expected: 30 },
    { doc: { a: 1, b: 2 }, expr: { $sum: ['$a', '$b', '$c'] }, expected: 3 },
    { doc: {}, expr: { $sum: '$missing' }, expected: 0 },
  ],
  compile(arg, c, path) {
    const args = operandArgs(c, path, arg, '$sum');
    if (!args) return NULL_EXPR;
    return (ctx) => {
      const s = newNumSum();
      forEachOperand(args, ctx, (v) => void addNum(s, v));
      return sumResult(s);
    };
  },
};
