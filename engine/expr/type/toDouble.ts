// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toDouble/
import { Double } from 'bson';
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'double' };

export const $toDouble = unaryOperator({
  name: '$toDouble',
  summary: 'Converts a value to a double: numbers, booleans, numeric strings and dates (milliseconds).',
  docsUrl: docsUrl('toDouble'),
  examples: [
    { doc: { v: '5.5' }, expr: { $toDouble: '$v' }, expected: 5.5 },
    { doc: { v: true }, expr: { $toDouble: '$v' }, expected: new Double(1) },
    { doc: { v: '5.5 kg' }, expr: { $toDouble: '$v' }, error: "Failed to parse number '5.5 kg' in $convert with no onError value: Did not consume whole string." },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
