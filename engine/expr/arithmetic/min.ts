// https://www.mongodb.com/docs/manual/reference/operator/aggregation/min/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileMinMax } from './_minMax';

export const $min: ExprOperator = {
  name: '$min',
  category: 'arithmetic',
  summary: 'Smallest value (BSON order) in an array or among several operands; nulls are ignored.',
  docsUrl: docsUrl('min'),
  syntax: '{ $min: <array> }  or  { $min: [ <expr>, <expr>, ... ] }',
  examples: [
    { doc: { temps: [21, 25, null, 19] }, expr: { $min: '$temps' }, expected: 19 },
    { doc: { a: 3, b: 'x' }, expr: { $min: ['$a', '$b'] }, expected: 3 },
  ],
  compile(arg, c, path) {
    return compileMinMax('$min', -1, arg, c, path);
  },
};
