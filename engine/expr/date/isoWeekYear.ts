// https://www.mongodb.com/docs/manual/reference/operator/aggregation/isoWeekYear/
import { isoWeekYear as isoWeekYearOf } from './_calendar';
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $isoWeekYear */
export const $isoWeekYear = datePartOperator({
  name: '$isoWeekYear',
  summary: 'Returns the ISO 8601 week-numbering year of a date.',
  docsUrl: docsUrl('isoWeekYear'),
  examples: [
    { doc: { d: new Date('2016-01-01T00:00:00Z') }, expr: { $isoWeekYear: '$d' }, expected: 2015 },
    { doc: { d: new Date('2014-12-29T00:00:00Z') }, expr: { $isoWeekYear: '$d' }, expected: 2015 },
  ],
  part: (p) => isoWeekYearOf(p.days),
});
