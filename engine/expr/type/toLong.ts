// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toLong/
import { Long } from 'bson';
import { convertValue, OPTIONS } from './_convert';
import { DOCS, unaryOperator } from './_internal';

const TARGET = { type: 'long' };

/** $toLong */
export const toLong = unaryOperator({
  name: '$toLong',
  summary: 'Converts a value to a long: numbers are truncated, dates give milliseconds, strings must hold a base-10 integer.',
  docsUrl: DOCS + 'toLong/',
  examples: [
    { doc: { v: '9007199254740993' }, expr: { $toLong: '$v' }, expected: Long.fromString('9007199254740993') },
    { doc: { v: new Date('2018-03-26T04:38:28.044Z') }, expr: { $toLong: '$v' }, expected: Long.fromNumber(1522039108044) },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
