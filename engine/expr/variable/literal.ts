// https://www.mongodb.com/docs/manual/reference/operator/aggregation/literal/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';

export const $literal: ExprOperator = {
  name: '$literal',
  category: 'variable',
  summary: 'A value taken as is, without evaluating it (e.g. a string starting with $).',
  docsUrl: docsUrl('literal'),
  syntax: '{ $literal: <value> }',
  examples: [
    { doc: { price: 1 }, expr: { $literal: '$price' }, expected: '$price' },
    { doc: {}, expr: { $literal: { $add: [1, 2] } }, expected: { $add: [1, 2] } },
  ],
  compile(arg) {
    return () => arg;
  },
};
