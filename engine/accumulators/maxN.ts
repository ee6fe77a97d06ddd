// https://www.mongodb.com/docs/manual/reference/operator/aggregation/maxN/
import { nInputSpec } from './_nInput';

export const maxN = nInputSpec('$maxN', 'max', {
  summary: 'Array of the n largest values, largest first; null and missing are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/maxN/',
  syntax: '{ $maxN: { input: <expression>, n: <expression> } }',
  examples: [{ title: 'top two', input: [{ a: 1 }, { a: 5 }, { a: null }, { a: 3 }], acc: { $maxN: { input: '$a', n: 2 } }, expected: [5, 3] }],
});
