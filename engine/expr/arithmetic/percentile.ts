// https://www.mongodb.com/docs/manual/reference/operator/aggregation/percentile/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileQuantile } from './_quantile';

export const $percentile: ExprOperator = {
  name: '$percentile',
  category: 'arithmetic',
  summary: 'Percentiles (one per entry of p) of the numbers in an array; non-numbers are ignored.',
  docsUrl: docsUrl('percentile'),
  syntax: "{ $percentile: { input: <array>, p: [ <0..1>, ... ], method: 'approximate' } }",
  snippet: "{ input: ${1:\\$field}, p: [${2:0.5}], method: 'approximate' }",
  examples: [
    { doc: { t: [10, 20, 30, 40] }, expr: { $percentile: { input: '$t', p: [0.5, 0.9], method: 'approximate' } }, expected: [new Double(20), new Double(40)] },
    { doc: { t: 'none' }, expr: { $percentile: { input: '$t', p: [0.5], method: 'approximate' } }, expected: [null] },
  ],
  compile(arg, c, path) {
    return compileQuantile('$percentile', arg, c, path);
  },
};
