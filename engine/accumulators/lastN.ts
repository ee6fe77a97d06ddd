// https://www.mongodb.com/docs/manual/reference/operator/aggregation/lastN/
import { nInputSpec } from './_nInput';

export const lastN = nInputSpec('$lastN', 'last', {
  summary: 'Array of the last n values in arrival order (missing counts as null).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/lastN/',
  syntax: '{ $lastN: { input: <expression>, n: <expression> } }',
  examples: [{ title: 'last two', input: [{ a: 1 }, { a: 2 }, { a: 3 }], acc: { $lastN: { input: '$a', n: 2 } }, expected: [2, 3] }],
});
