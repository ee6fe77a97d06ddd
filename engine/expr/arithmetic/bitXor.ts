// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bitXor/
import { Long } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileBitwise } from './_bitwise';

export const $bitXor: ExprOperator = {
  name: '$bitXor',
  category: 'arithmetic',
  summary: 'Bitwise XOR (exclusive or) of int and long operands; an int unless a long is among them.',
  docsUrl: docsUrl('bitXor'),
  syntax: '{ $bitXor: [ <int|long>, <int|long>, ... ] }',
  examples: [
    { doc: { a: 6, b: 3 }, expr: { $bitXor: ['$a', '$b'] }, expected: 5 },
    { doc: { a: 6, b: Long.fromNumber(3) }, expr: { $bitXor: ['$a', '$b'] }, expected: Long.fromNumber(5) },
    { doc: { a: 6, b: 1.5 }, expr: { $bitXor: ['$a', '$b'] }, error: '$bitXor only supports int and long operands.' },
  ],
  compile(arg, c, path) {
    return compileBitwise('$bitXor', 0, (a, b) => a ^ b, arg, c, path);
  },
};
