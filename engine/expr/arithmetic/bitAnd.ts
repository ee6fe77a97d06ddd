// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bitAnd/
import { Long } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileBitwise } from './_bitwise';

export const $bitAnd: ExprOperator = {
  name: '$bitAnd',
  category: 'arithmetic',
  summary: 'Bitwise AND of int and long operands; an int unless a long is among them.',
  docsUrl: docsUrl('bitAnd'),
  syntax: '{ $bitAnd: [ <int|long>, <int|long>, ... ] }',
  examples: [
    { doc: { a: 6, b: 3 }, expr: { $bitAnd: ['$a', '$b'] }, expected: 2 },
    { doc: { a: 6, b: Long.fromNumber(3) }, expr: { $bitAnd: ['$a', '$b'] }, expected: Long.fromNumber(2) },
    { doc: { a: 6, b: 1.5 }, expr: { $bitAnd: ['$a', '$b'] }, error: '$bitAnd only supports int and long operands.' },
  ],
  compile(arg, c, path) {
    return compileBitwise('$bitAnd', -1, (a, b) => a & b, arg, c, path);
  },
};
