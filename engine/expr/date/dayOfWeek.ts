// https://www.mongodb.com/docs/manual/reference/operator/aggregation/dayOfWeek/
import { dayOfWeek as dayOfWeekOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $dayOfWeek */
export const $dayOfWeek = datePartOperator({
  name: '$dayOfWeek',
  summary: 'Returns the day of the week of a date, 1 (Sunday) to 7 (Saturday).',
  docsUrl: docsUrl('dayOfWeek'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $dayOfWeek: '$d' }, expected: 4 },
    { doc: { d: new Date('2014-01-05T02:00:00Z') }, expr: { $dayOfWeek: { date: '$d', timezone: 'America/New_York' } }, expected: 7 },
  ],
  part: (p) => dayOfWeekOf(p.days),
});
