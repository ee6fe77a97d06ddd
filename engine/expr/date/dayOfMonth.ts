// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dayOfMonth/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $dayOfMonth */
export const $dayOfMonth = datePartOperator({
  name: '$dayOfMonth',
  summary: 'Returns the day of the month of a date, 1 to 31.',
  docsUrl: docsUrl('dayOfMonth'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $dayOfMonth: '$d' }, expected: 1 },
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $dayOfMonth: { date: '$d', timezone: 'Pacific/Honolulu' } }, expected: 31 },
  ],
  part: (p) => p.day,
});
