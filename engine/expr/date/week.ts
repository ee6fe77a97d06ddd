// https://www.mongodb.com/docs/manual/reference/operator/aggregation/week/
import { week as weekOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $week */
export const $week = datePartOperator({
  name: '$week',
  summary: 'Returns the week of the year, 0 to 53; weeks start on Sunday and days before the first Sunday are week 0.',
  docsUrl: docsUrl('week'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $week: '$d' }, expected: 0 },
    { doc: { d: new Date('2014-01-05T08:00:00Z') }, expr: { $week: '$d' }, expected: 1 },
  ],
  part: (p) => weekOf(p),
});
