// https://www.mongodb.com/docs/manual/reference/operator/aggregation/stdDevPop/
import { Double } from 'bson';
import { stdDevSpec } from './_welford';

export const stdDevPop = stdDevSpec('$stdDevPop', false, {
  summary: 'Population standard deviation of the numeric values; null when there are none.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/stdDevPop/',
  syntax: '{ $stdDevPop: <expression> }',
  examples: [
    { title: 'population', input: [{ x: 2 }, { x: 4 }, { x: 4 }, { x: 4 }, { x: 5 }, { x: 5 }, { x: 7 }, { x: 9 }], acc: { $stdDevPop: '$x' }, expected: new Double(2) },
    { title: 'no numbers', input: [{ x: 'a' }], acc: { $stdDevPop: '$x' }, expected: null },
  ],
});
