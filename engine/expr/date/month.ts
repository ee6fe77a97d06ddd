// https://www.mongodb.com/docs/manual/reference/operator/aggregation/month/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $month */
export const $month = datePartOperator({
  name: '$month',
  summary: 'Returns the month of a date, 1 (January) to 12 (December).',
  docsUrl: docsUrl('month'),
  examples: [
    { doc: { d: new Date('2014-02-01T08:15:39.736Z') }, expr: { $month: '$d' }, expected: 2 },
    { doc: { d: new Date('2014-03-01T02:00:00Z') }, expr: { $month: { date: '$d', timezone: '-05:00' } }, expected: 2 },
  ],
  part: (p) => p.month,
});
