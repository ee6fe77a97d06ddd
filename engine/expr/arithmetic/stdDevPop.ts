// https://www.mongodb.com/docs/manual/reference/operator/aggregation/stddevpop/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileStdDev } from './_stdDev';

export const $stdDevPop: ExprOperator = {
  name: '$stdDevPop',
  category: 'arithmetic',
  summary: 'Population standard deviation of the numbers in an array or among several operands.',
  docsUrl: docsUrl('stdDevPop'),
  syntax: '{ $stdDevPop: <array> }  or  { $stdDevPop: [ <expr>, ... ] }',
  examples: [
    { doc: { v: [2, 4, 4, 4, 5, 5, 7, 9] }, expr: { $stdDevPop: '$v' }, expected: new Double(2) },
    { doc: { v: [] }, expr: { $stdDevPop: '$v' }, expected: null },
  ],
  compile(arg, c, path) {
    return compileStdDev('$stdDevPop', false, arg, c, path);
  },
};
