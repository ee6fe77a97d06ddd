// https://www.mongodb.com/docs/manual/reference/operator/aggregation/maxn-array-element/
import type { ExprOperator } from '../types';
import { compileNInput } from './_internal';
import { topN } from './_minMaxN';

export const $maxN: ExprOperator = {
  name: '$maxN',
  category: 'array',
  summary: 'The n largest values of an array (BSON order), largest first; nulls are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/maxn-array-element/',
  syntax: '{ $maxN: { n: <expression>, input: <array> } }',
  snippet: '{ n: ${1:3}, input: ${2:\\$items} }',
  examples: [
    { doc: { s: [3, null, 9, 1] }, expr: { $maxN: { n: 2, input: '$s' } }, expected: [9, 3] },
  ],
  compile(arg, c, path) {
    return compileNInput('$maxN', arg, c, path, (input, n) => topN(input, n, 1));
  },
};
