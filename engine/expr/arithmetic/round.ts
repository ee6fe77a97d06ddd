// https://www.mongodb.com/docs/manual/reference/operator/aggregation/round/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileRound } from './_roundOp';

export const $round: ExprOperator = {
  name: '$round',
  category: 'arithmetic',
  summary: 'Rounds a number to a whole number or to a given decimal place (half to even).',
  docsUrl: docsUrl('round'),
  syntax: '{ $round: [ <number>, <place> ] }',
  examples: [
    { doc: { v: 19.25 }, expr: { $round: ['$v', 1] }, expected: 19.2 },
    { doc: { v: 1234 }, expr: { $round: ['$v', -2] }, expected: 1200 },
    { doc: { v: 2.5 }, expr: { $round: '$v' }, expected: new Double(2) },
  ],
  compile(arg, c, path) {
    return compileRound('$round', 'halfEven', arg, c, path);
  },
};
