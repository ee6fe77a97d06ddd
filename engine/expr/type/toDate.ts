// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toDate/
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'date' };

export const $toDate = unaryOperator({
  name: '$toDate',
  summary: 'Converts a value to a date: long/double/decimal milliseconds, date strings, objectIds and timestamps.',
  docsUrl: docsUrl('toDate'),
  examples: [
    { doc: { v: '2018-03-03' }, expr: { $toDate: '$v' }, expected: new Date('2018-03-03T00:00:00Z') },
    { doc: { v: 1253372036000.5 }, expr: { $toDate: '$v' }, expected: new Date('2009-09-19T14:53:56.000Z') },
    { doc: { v: 'noon' }, expr: { $toDate: '$v' }, error: "Error parsing date string 'noon'; 0: The timezone could not be found in the database" },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
