// https://www.mongodb.com/docs/manual/reference/operator/aggregation/stddevsamp/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileStdDev } from './_stdDev';

export const $stdDevSamp: ExprOperator = {
  name: '$stdDevSamp',
  category: 'arithmetic',
  summary: 'Sample standard deviation of the numbers in an array or among several operands.',
  docsUrl: docsUrl('stdDevSamp'),
  syntax: '{ $stdDevSamp: <array> }  or  { $stdDevSamp: [ <expr>, ... ] }',
  examples: [
    { doc: { v: [1, 3] }, expr: { $stdDevSamp: '$v' }, expected: Math.SQRT2 },
    { doc: { v: [5] }, expr: { $stdDevSamp: '$v' }, expected: null },
  ],
  compile(arg, c, path) {
    return compileStdDev('$stdDevSamp', true, arg, c, path);
  },
};
