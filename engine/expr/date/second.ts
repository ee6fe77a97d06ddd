// https://www.mongodb.com/docs/manual/reference/operator/aggregation/second/
import { datePartOperator, DOCS } from './_internal';

/** $second */
export const second = datePartOperator({
  name: '$second',
  summary: 'Returns the second of a date, 0 to 59 (60 for leap seconds in MongoDB; never here).',
  docsUrl: DOCS + 'second/',
  examples: [
    { doc: { d: new Date('2014-01-01T08:15:39.736Z') }, expr: { $second: '$d' }, expected: 39 },
  ],
  part: (p) => p.second,
});
