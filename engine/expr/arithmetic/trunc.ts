// https://www.mongodb.com/docs/manual/reference/operator/aggregation/trunc/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileRound } from './_roundOp';

export const $trunc: ExprOperator = {
  name: '$trunc',
  category: 'arithmetic',
  summary: 'Truncates a number to a whole number or to a given decimal place.',
  docsUrl: docsUrl('trunc'),
  syntax: '{ $trunc: [ <number>, <place> ] }',
  examples: [
    { doc: { v: 19.27 }, expr: { $trunc: ['$v', 1] }, expected: 19.2 },
    { doc: { v: -7.9 }, expr: { $trunc: '$v' }, expected: new Double(-7) },
  ],
  compile(arg, c, path) {
    return compileRound('$trunc', 'down', arg, c, path);
  },
};
