// https://www.mongodb.com/docs/manual/reference/operator/aggregation/year/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $year */
export const $year = datePartOperator({
  name: '$year',
  summary: 'Returns the year of a date (e.g. 2014).',
  docsUrl: docsUrl('year'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $year: '$d' }, expected: 2014 },
    { doc: { d: new Date('2014-01-01T03:00:00Z') }, expr: { $year: { date: '$d', timezone: 'America/New_York' } }, expected: 2013 },
    { doc: {}, expr: { $year: '$missing' }, expected: null },
  ],
  part: (p) => p.year,
});
