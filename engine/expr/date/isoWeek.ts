// https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoWeek/
import { isoWeek as isoWeekOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $isoWeek */
export const $isoWeek = datePartOperator({
  name: '$isoWeek',
  summary: 'Returns the ISO 8601 week number, 1 to 53; weeks start on Monday and week 1 holds the year\'s first Thursday.',
  docsUrl: docsUrl('isoWeek'),
  examples: [
    { doc: { d: new Date('2016-01-01T00:00:00Z') }, expr: { $isoWeek: '$d' }, expected: 53 },
    { doc: { d: new Date('2016-01-04T00:00:00Z') }, expr: { $isoWeek: '$d' }, expected: 1 },
  ],
  part: (p) => isoWeekOf(p.days),
});
