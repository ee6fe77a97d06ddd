// https://www.mongodb.com/docs/manual/reference/operator/aggregation/stdDevSamp/
import { stdDevSpec } from './_welford';

export const stdDevSamp = stdDevSpec('$stdDevSamp', true, {
  summary: 'Sample standard deviation of the numeric values; null with fewer than two.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/stdDevSamp/',
  syntax: '{ $stdDevSamp: <expression> }',
  examples: [
    { title: 'sample', input: [{ x: 1 }, { x: 3 }], acc: { $stdDevSamp: '$x' }, expected: Math.SQRT2 },
    { title: 'one value', input: [{ x: 1 }], acc: { $stdDevSamp: '$x' }, expected: null },
  ],
});
