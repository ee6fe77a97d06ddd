// https://www.mongodb.com/docs/manual/reference/operator/aggregation/median/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileQuantile } from './_quantile';

export const $median: ExprOperator = {
  name: '$median',
  category: 'arithmetic',
  summary: 'Median (50th percentile) of the numbers in an array; non-numbers are ignored.',
  docsUrl: docsUrl('median'),
  syntax: "{ $median: { input: <array>, method: 'approximate' } }",
  snippet: "{ input: ${1:\\$field}, method: 'approximate' }",
  examples: [
    { doc: { scores: [3, 1, 2, 'x'] }, expr: { $median: { input: '$scores', method: 'approximate' } }, expected: new Double(2) },
    { doc: { scores: [] }, expr: { $median: { input: '$scores', method: 'approximate' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileQuantile('$median', arg, c, path);
  },
};
