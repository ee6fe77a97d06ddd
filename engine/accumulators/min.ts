// https://www.mongodb.com/docs/manual/reference/operator/aggregation/min/
import { minMaxSpec } from './_minmax';

export const min = minMaxSpec('$min', 1, {
  summary: 'Smallest value in BSON order; null and missing values are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/min/',
  syntax: '{ $min: <expression> }',
  examples: [
    { title: 'minimum', input: [{ t: 5 }, { t: 2 }, { t: null }, {}], acc: { $min: '$t' }, expected: 2 },
    { title: 'mixed types use BSON order', input: [{ t: 'a' }, { t: 7 }], acc: { $min: '$t' }, expected: 7 },
  ],
});
