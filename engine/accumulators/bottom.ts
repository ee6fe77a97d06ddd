// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bottom/
import { topBottomSpec } from './_topBottom';

export const bottom = topBottomSpec('$bottom', true, false, {
  summary: 'Output of the last document by sortBy.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/bottom/',
  syntax: '{ $bottom: { sortBy: { <field>: 1|-1 }, output: <expression> } }',
  examples: [{ title: 'lowest score', input: [{ p: 'a', s: 1 }, { p: 'b', s: 9 }], acc: { $bottom: { sortBy: { s: -1 }, output: '$p' } }, expected: 'a' }],
});
