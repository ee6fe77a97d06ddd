// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bitOr/
import { Long } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileBitwise } from './_bitwise';

export const $bitOr: ExprOperator = {
  name: '$bitOr',
  category: 'arithmetic',
  summary: 'Bitwise OR of int and long operands; an int unless a long is among them.',
  docsUrl: docsUrl('bitOr'),
  syntax: '{ $bitOr: [ <int|long>, <int|long>, ... ] }',
  examples: [
    { doc: { a: 6, b: 3 }, expr: { $bitOr: ['$a', '$b'] }, expected: 7 },
    { doc: { a: 6, b: Long.fromNumber(3) }, expr: { $bitOr: ['$a', '$b'] }, expected: Long.fromNumber(7) },
    { doc: { a: 6, b: 1.5 }, expr: { $bitOr: ['$a', '$b'] }, error: '$bitOr only supports int and long operands.' },
  ],
  compile(arg, c, path) {
    return compileBitwise('$bitOr', 0, (a, b) => a | b, arg, c, path);
  },
};
