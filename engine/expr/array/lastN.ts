// https://www.mongodb.com/docs/manual/reference/operator/aggregation/lastn-array-element/
import type { ExprOperator } from '../types';
import { compileNInput } from './_internal';

export const $lastN: ExprOperator = {
  name: '$lastN',
  category: 'array',
  summary: 'The last n elements of an array.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/lastn-array-element/',
  syntax: '{ $lastN: { n: <expression>, input: <array> } }',
  snippet: '{ n: ${1:3}, input: ${2:\\$items} }',
  examples: [
    { doc: { s: [10, 20, 30] }, expr: { $lastN: { n: 2, input: '$s' } }, expected: [20, 30] },
    { doc: {}, expr: { $lastN: { n: 2, input: '$s' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileNInput('$lastN', arg, c, path, (input, n) => input.slice(Math.max(0, input.length - n)));
  },
};
