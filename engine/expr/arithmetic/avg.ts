// https://www.mongodb.com/docs/manual/reference/operator/aggregation/avg/
import type { Value } from '../../core/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { add2, div2, numKind } from '../_shared/numeric';
import { forEachOperand, operandArgs } from './_internal';

export const $avg: ExprOperator = {
  name: '$avg',
  category: 'arithmetic',
  summary: 'Average of the numbers in an array, or of several operands; non-numbers are ignored.',
  docsUrl: docsUrl('avg'),
  syntax: '{ $avg: <array> }  or  { $avg: [ <expr>, <expr>, ... ] }',
  examples: [
    { doc: { scores: [10, 20, 'x'] }, expr: { $avg: '$scores' }, expected: 15 },
    { doc: { scores: [] }, expr: { $avg: '$scores' }, expected: null },
  ],
  compile(arg, c, path) {
    const args = operandArgs(c, path, arg, '$avg');
    if (!args) return NULL_EXPR;
    return (ctx) => {
      let total: Value = 0;
      let n = 0;
      forEachOperand(args, ctx, (v) => {
        if (numKind(v) >= 0) {
          total = add2(total, v);
          n++;
        }
      });
      return n === 0 ? null : div2(total, n);
    };
  },
};
