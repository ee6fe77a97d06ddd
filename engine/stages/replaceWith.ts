/**
 * $replaceWith: short form of $replaceRoot.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceWith/
 */
import type { Expr } from '../expr/types';
import { newRootShape, parseNewRoot, replaceOperator } from './replaceRoot';
import type { StageSpec } from '../parse/types';

export const replaceWith: StageSpec<Expr> = {
  name: '$replaceWith',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'ReplaceRootOperator',
  summary: 'Replaces each document with the document an expression evaluates to.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceWith/',
  syntax: '{ $replaceWith: <expression> }',
  rootRole: 'expr',
  rootType: ['string', 'object'],
  examples: [
    {
      title: 'Merge defaults into the reading',
      stage: { $replaceWith: { $mergeObjects: [{ temp: 0 }, '$obs'] } },
      input: [{ obs: { watts: 5 } }],
      output: [{ temp: 0, watts: 5 }],
    },
  ],
  parse(arg, path, ctx) {
    return parseNewRoot(arg, path, ctx);
  },
  outputShape: newRootShape,
  create(expr, rt, next) {
    return replaceOperator(expr, "'replacement document'", rt, next);
  },
};
