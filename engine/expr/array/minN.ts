// https://www.mongodb.com/docs/manual/reference/operator/aggregation/minn-array-element/
import type { ExprOperator } from '../types';
import { compileNInput } from './_internal';
import { topN } from './_minMaxN';

export const $minN: ExprOperator = {
  name: '$minN',
  category: 'array',
  summary: 'The n smallest values of an array (BSON order), smallest first; nulls are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/minn-array-element/',
  syntax: '{ $minN: { n: <expression>, input: <array> } }',
  snippet: '{ n: ${1:3}, input: ${2:\\$items} }',
  examples: [
    { doc: { s: [3, null, 9, 1] }, expr: { $minN: { n: 2, input: '$s' } }, expected: [1, 3] },
    { doc: { s: 'x' }, expr: { $minN: { n: 2, input: '$s' } }, error: "$minN requires 'input' to be an array, found: string" },
  ],
  compile(arg, c, path) {
    return compileNInput('$minN', arg, c, path, (input, n) => topN(input, n, -1));
  },
};
