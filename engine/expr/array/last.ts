// https://www.mongodb.com/docs/manual/reference/operator/aggregation/last-array-element/
import type { ExprOperator } from '../types';
import { compileFirstLast } from './_firstLast';

export const $last: ExprOperator = {
  name: '$last',
  category: 'array',
  summary: 'Last element of an array (missing for an empty array).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/last-array-element/',
  syntax: '{ $last: <array> }',
  examples: [
    { doc: { items: [3, 4] }, expr: { $last: '$items' }, expected: 4 },
    { doc: {}, expr: { $last: '$items' }, expected: null },
  ],
  compile(arg, c, path) {
    return compileFirstLast('$last', true, arg, c, path);
  },
};
