// https://www.mongodb.com/docs/manual/reference/operator/aggregation/max/
import { minMaxSpec } from './_minmax';

export const max = minMaxSpec('$max', -1, {
  summary: 'Largest value in BSON order; null and missing values are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/max/',
  syntax: '{ $max: <expression> }',
  examples: [
    { title: 'maximum', input: [{ t: 5 }, { t: 9 }, { t: null }, {}], acc: { $max: '$t' }, expected: 9 },
    { title: 'nothing comparable', input: [{}, { t: null }], acc: { $max: '$t' }, expected: null },
  ],
});
