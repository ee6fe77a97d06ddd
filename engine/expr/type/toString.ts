// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toString/
import { convertValue } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'string' };

export const $toString = unaryOperator({
  name: '$toString',
  summary: 'Converts a value to a string: numbers, booleans, dates (ISO 8601), objectIds (hex) and binData (base64, or UUID text).',
  docsUrl: docsUrl('toString'),
  examples: [
    { doc: { v: 2.5 }, expr: { $toString: '$v' }, expected: '2.5' },
    { doc: { v: new Date('2018-03-27T16:58:51.538Z') }, expr: { $toString: '$v' }, expected: '2018-03-27T16:58:51.538Z' },
    { doc: { v: { a: 1 } }, expr: { $toString: '$v' }, error: 'Unsupported conversion from object to string in $convert with no onError value' },
  ],
  fn: (v) => convertValue(v, TARGET, { format: 'auto', byteOrder: 'little' }),
});
