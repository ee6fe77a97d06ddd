// https://www.mongodb.com/docs/manual/reference/operator/aggregation/minN/
import { nInputSpec } from './_nInput';

export const minN = nInputSpec('$minN', 'min', {
  summary: 'Array of the n smallest values, smallest first; null and missing are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/minN/',
  syntax: '{ $minN: { input: <expression>, n: <expression> } }',
  examples: [{ title: 'bottom two', input: [{ a: 4 }, { a: 5 }, {}, { a: 3 }], acc: { $minN: { input: '$a', n: 2 } }, expected: [3, 4] }],
});
