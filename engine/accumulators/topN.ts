// https://www.mongodb.com/docs/manual/reference/operator/aggregation/topN/
import { topBottomSpec } from './_topBottom';

export const topN = topBottomSpec('$topN', false, true, {
  summary: 'Outputs of the first n documents by sortBy, in sort order.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/topN/',
  syntax: '{ $topN: { n: <expression>, sortBy: { <field>: 1|-1 }, output: <expression> } }',
  examples: [{ title: 'best two', input: [{ s: 3 }, { s: 9 }, { s: 5 }], acc: { $topN: { n: 2, sortBy: { s: -1 }, output: '$s' } }, expected: [9, 5] }],
});
