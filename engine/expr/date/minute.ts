// https://www.mongodb.com/docs/manual/reference/operator/aggregation/minute/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $minute */
export const $minute = datePartOperator({
  name: '$minute',
  summary: 'Returns the minute of a date, 0 to 59.',
  docsUrl: docsUrl('minute'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $minute: '$d' }, expected: 15 },
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $minute: { date: '$d', timezone: '+05:30' } }, expected: 45 },
  ],
  part: (p) => p.minute,
});
