// https://www.mongodb.com/docs/manual/reference/operator/aggregation/literal/
import type { ExprOperator } from '../types';
import { $literal } from './literal';

/**
 * $const is the name MongoDB itself gives $literal (it serialises constants as `{$const: v}`);
 * the parser accepts both. Not on a reference page of its own.
 */
export const $const: ExprOperator = {
  ...$literal,
  name: '$const',
  summary: 'A value taken as is, without evaluating it; another name for $literal.',
  syntax: '{ $const: <value> }',
  examples: [
    { doc: { price: 1 }, expr: { $const: '$price' }, expected: '$price' },
    { doc: {}, expr: { $let: { vars: { CURRENT: { $const: { ten: 10 } } }, in: { $multiply: ['$ten', 2] } } }, expected: 20 },
  ],
};
