// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toDouble/
import { convertValue, OPTIONS } from './_convert';
import { DOCS, unaryOperator } from './_internal';

const TARGET = { type: 'double' };

/** $toDouble */
export const toDouble = unaryOperator({
  name: '$toDouble',
  summary: 'Converts a value to a double: numbers, booleans, numeric strings and dates (milliseconds).',
  docsUrl: DOCS + 'toDouble/',
  examples: [
    { doc: { v: '5.5' }, expr: { $toDouble: '$v' }, expected: 5.5 },
    { doc: { v: true }, expr: { $toDouble: '$v' }, expected: 1 },
    { doc: { v: '5.5 kg' }, expr: { $toDouble: '$v' }, error: "Failed to parse number '5.5 kg' in $convert with no onError value: Did not consume whole string." },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
