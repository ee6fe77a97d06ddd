// https://www.mongodb.com/docs/manual/reference/operator/aggregation/top/
import { topBottomSpec } from './_topBottom';

export const top = topBottomSpec('$top', false, false, {
  summary: 'Output of the first document by sortBy.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/top/',
  syntax: '{ $top: { sortBy: { <field>: 1|-1 }, output: <expression> } }',
  examples: [{ title: 'highest score', input: [{ p: 'a', s: 1 }, { p: 'b', s: 9 }], acc: { $top: { sortBy: { s: -1 }, output: ['$p', '$s'] } }, expected: ['b', 9] }],
});
