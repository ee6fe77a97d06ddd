// https://www.mongodb.com/docs/manual/reference/operator/aggregation/floor/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { roundTo } from './_round';
import { unaryNumeric } from './_internal';
import { isInt32 } from '../../bson/numbers';
import { double } from '../_shared/numeric';

export const $floor: ExprOperator = {
  name: '$floor',
  category: 'arithmetic',
  summary: 'Largest integer less than or equal to a number.',
  docsUrl: docsUrl('floor'),
  syntax: '{ $floor: <number> }',
  examples: [
    { doc: { v: 7.75 }, expr: { $floor: '$v' }, expected: new Double(7) },
    { doc: { v: -2.5 }, expr: { $floor: '$v' }, expected: new Double(-3) },
    { doc: { v: true }, expr: { $floor: '$v' }, error: '$floor only supports numeric types, not bool' },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$floor', c, path, arg, (v) => (typeof v === 'number' && !isInt32(v) ? double(Math.floor(v)) : roundTo(v, 0, 'floor')));
  },
};
