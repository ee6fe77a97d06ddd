// https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoDayOfWeek/
import { isoDayOfWeek as isoDayOfWeekOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $isoDayOfWeek */
export const $isoDayOfWeek = datePartOperator({
  name: '$isoDayOfWeek',
  summary: 'Returns the ISO 8601 weekday of a date, 1 (Monday) to 7 (Sunday).',
  docsUrl: docsUrl('isoDayOfWeek'),
  examples: [
    { doc: { d: new Date('2016-01-03T00:00:00Z') }, expr: { $isoDayOfWeek: '$d' }, expected: 7 },
    { doc: { d: new Date('2016-01-04T00:00:00Z') }, expr: { $isoDayOfWeek: '$d' }, expected: 1 },
  ],
  part: (p) => isoDayOfWeekOf(p.days),
});
