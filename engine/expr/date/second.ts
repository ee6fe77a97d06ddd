// https://www.mongodb.com/docs/manual/reference/operator/aggregation/second/
import { docsUrl } from '../_shared/docs';
import { datePartOperator } from './_internal';

/** $second */
export const $second = datePartOperator({
  name: '$second',
  summary: 'Returns the second of a date, 0 to 59 (60 for leap seconds in MongoDB; never here).',
  docsUrl: docsUrl('second'),
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $second: '$d' }, expected: 39 },
  ],
  part: (p) => p.second,
});
