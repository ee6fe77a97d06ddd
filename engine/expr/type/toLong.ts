// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toLong/
import { Long } from 'bson';
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'long' };

export const $toLong = unaryOperator({
  name: '$toLong',
  summary: 'Converts a value to a long: numbers are truncated, dates give milliseconds, strings must hold a base-10 integer.',
  docsUrl: docsUrl('toLong'),
  examples: [
    { doc: { v: '9007199254740993' }, expr: { $toLong: '$v' }, expected: Long.fromString('9007199254740993') },
    { doc: { v: new Date('2018-03-26T04:38:28.044Z') }, expr: { $toLong: '$v' }, expected: Long.fromNumber(1522039108044) },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
