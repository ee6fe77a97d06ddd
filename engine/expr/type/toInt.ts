// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toInt/
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'int' };

export const $toInt = unaryOperator({
  name: '$toInt',
  summary: 'Converts a value to an int: doubles and decimals are truncated; strings must hold a base-10 integer.',
  docsUrl: docsUrl('toInt'),
  examples: [
    { doc: { v: 5.9 }, expr: { $toInt: '$v' }, expected: 5 },
    { doc: { v: '-12' }, expr: { $toInt: '$v' }, expected: -12 },
    { doc: { v: '1.5' }, expr: { $toInt: '$v' }, error: "Failed to parse number '1.5' in $convert with no onError value: Did not consume whole string." },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
