// https://www.mongodb.com/docs/manual/reference/operator/aggregation/first-array-element/
import type { ExprOperator } from '../types';
import { compileFirstLast } from './_firstLast';

export const $first: ExprOperator = {
  name: '$first',
  category: 'array',
  summary: 'First element of an array (missing for an empty array).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/first-array-element/',
  syntax: '{ $first: <array> }',
  examples: [
    { doc: { items: [3, 4] }, expr: { $first: '$items' }, expected: 3 },
    { doc: { items: [] }, expr: { $first: '$items' }, expected: undefined },
    { doc: { items: 'x' }, expr: { $first: '$items' }, error: "$first's argument must be an array, but is string" },
  ],
  compile(arg, c, path) {
    return compileFirstLast('$first', false, arg, c, path);
  },
};
