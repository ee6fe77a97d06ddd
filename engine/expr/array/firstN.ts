// https://www.mongodb.com/docs/manual/reference/operator/aggregation/firstn-array-element/
import type { ExprOperator } from '../types';
import { compileNInput } from './_internal';

export const $firstN: ExprOperator = {
  name: '$firstN',
  category: 'array',
  summary: 'The first n elements of an array.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/firstn-array-element/',
  syntax: '{ $firstN: { n: <expression>, input: <array> } }',
  snippet: '{ n: ${1:3}, input: ${2:\\$items} }',
  examples: [
    { doc: { s: [10, 20, 30] }, expr: { $firstN: { n: 2, input: '$s' } }, expected: [10, 20] },
    { doc: { s: [10] }, expr: { $firstN: { n: 0, input: '$s' } }, error: "'n' must be greater than 0, found: 0" },
  ],
  compile(arg, c, path) {
    return compileNInput('$firstN', arg, c, path, (input, n) => input.slice(0, n));
  },
};
