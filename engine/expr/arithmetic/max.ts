// https://www.mongodb.com/docs/manual/reference/operator/aggregation/max/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileMinMax } from './_minMax';

export const $max: ExprOperator = {
  name: '$max',
  category: 'arithmetic',
  summary: 'Largest value (BSON order) in an array or among several operands; nulls are ignored.',
  docsUrl: docsUrl('max'),
  syntax: '{ $max: <array> }  or  { $max: [ <expr>, <expr>, ... ] }',
  examples: [
    { doc: { temps: [21, 25, null, 19] }, expr: { $max: '$temps' }, expected: 25 },
    { doc: { a: 3, b: 'x' }, expr: { $max: ['$a', '$b'] }, expected: 'x' },
    { doc: {}, expr: { $max: '$missing' }, expected: null },
  ],
  compile(arg, c, path) {
    return compileMinMax('$max', 1, arg, c, path);
  },
};
