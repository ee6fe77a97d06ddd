// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dayOfYear/
import { dayOfYear as dayOfYearOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $dayOfYear */
export const $dayOfYear = datePartOperator({
  name: '$dayOfYear',
  summary: 'Returns the day of the year of a date, 1 to 366.',
  docsUrl: docsUrl('dayOfYear'),
  examples: [
    { doc: { d: new Date('2014-02-01T08:15:39.736Z') }, expr: { $dayOfYear: '$d' }, expected: 32 },
    { doc: { d: new Date('2016-12-31T12:00:00Z') }, expr: { $dayOfYear: '$d' }, expected: 366 },
  ],
  part: (p) => dayOfYearOf(p),
});
