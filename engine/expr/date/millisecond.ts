// https://www.mongodb.com/docs/manual/reference/operator/aggregation/millisecond/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $millisecond */
export const $millisecond = datePartOperator({
  name: '$millisecond',
  summary: 'Returns the millisecond of a date, 0 to 999.',
  docsUrl: docsUrl('millisecond'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $millisecond: '$d' }, expected: 736 },
  ],
  part: (p) => p.millisecond,
});
