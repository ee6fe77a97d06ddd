// https://www.mongodb.com/docs/manual/reference/operator/aggregation/floor/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { roundTo } from './_round';
import { unaryNumeric } from './_internal';

export const $floor: ExprOperator = {
  name: '$floor',
  category: 'arithmetic',
  summary: 'Largest integer less than or equal to a number.',
  docsUrl: docsUrl('floor'),
  syntax: '{ $floor: <number> }',
  examples: [
    { doc: { v: 7.75 }, expr: { $floor: '$v' }, expected: 7 },
    { doc: { v: -2.5 }, expr: { $floor: '$v' }, expected: -3 },
    { doc: { v: true }, expr: { $floor: '$v' }, error: '$floor only supports numeric types, not bool' },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$floor', c, path, arg, (v) => (typeof v === 'number' ? Math.floor(v) : roundTo(v, 0, 'floor')));
  },
};
