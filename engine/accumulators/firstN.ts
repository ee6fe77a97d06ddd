// https://www.mongodb.com/docs/manual/reference/operator/aggregation/firstN/
import { nInputSpec } from './_nInput';

export const firstN = nInputSpec('$firstN', 'first', {
  summary: 'Array of the first n values in arrival order (missing counts as null).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/firstN/',
  syntax: '{ $firstN: { input: <expression>, n: <expression> } }',
  examples: [{ title: 'first two', input: [{ a: 1 }, {}, { a: 3 }], acc: { $firstN: { input: '$a', n: 2 } }, expected: [1, null] }],
});
