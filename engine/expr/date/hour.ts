// https://www.mongodb.com/docs/manual/reference/operator/aggregation/hour/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $hour */
export const $hour = datePartOperator({
  name: '$hour',
  summary: 'Returns the hour of a date, 0 to 23.',
  docsUrl: docsUrl('hour'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $hour: '$d' }, expected: 8 },
    { doc: { d: new Date('2021-07-01T12:00:00Z') }, expr: { $hour: { date: '$d', timezone: 'Europe/London' } }, expected: 13 },
  ],
  part: (p) => p.hour,
});
