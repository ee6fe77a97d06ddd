// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bottomN/
import { topBottomSpec } from './_topBottom';

export const bottomN = topBottomSpec('$bottomN', true, true, {
  summary: 'Outputs of the last n documents by sortBy, in sort order.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/bottomN/',
  syntax: '{ $bottomN: { n: <expression>, sortBy: { <field>: 1|-1 }, output: <expression> } }',
  examples: [{ title: 'worst two', input: [{ s: 3 }, { s: 9 }, { s: 5 }], acc: { $bottomN: { n: 2, sortBy: { s: -1 }, output: '$s' } }, expected: [5, 3] }],
});
