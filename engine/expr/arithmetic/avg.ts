// https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { NULL_EXPR } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { addNum, avgResult, newNumSum } from '../_shared/summation';
import { forEachOperand, operandArgs } from './_internal';

export const $avg: ExprOperator = {
  name: '$avg',
  category: 'arithmetic',
  summary: 'Average of the numbers in an array, or of several operands; non-numbers are ignored.',
  docsUrl: docsUrl('avg'),
  syntax: '{ $avg: <array> }  or  { $avg: [ <expr>, <expr>, ... ] }',
  examples: [
    { doc: { scores: [10, 20, 'x'] }, expr: { $avg: '$scores' }, expected: new Double(15) },
    { doc: { scores: [] }, expr: { $avg: '$scores' }, expected: null },
  ],
  compile(arg, c, path) {
    const args = operandArgs(c, path, arg, '$avg');
    if (!args) return NULL_EXPR;
    return (ctx) => {
      const s = newNumSum();
      forEachOperand(args, ctx, (v) => void addNum(s, v));
      return avgResult(s);
    };
  },
};
