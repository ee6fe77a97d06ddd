// https://www.mongodb.com/docs/manual/reference/operator/aggregation/ceil/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { roundTo } from './_round';
import { unaryNumeric } from './_internal';
import { isInt32 } from '../../bson/numbers';
import { double } from '../_shared/numeric';

export const $ceil: ExprOperator = {
  name: '$ceil',
  category: 'arithmetic',
  summary: 'Smallest integer greater than or equal to a number.',
  docsUrl: docsUrl('ceil'),
  syntax: '{ $ceil: <number> }',
  examples: [
    { doc: { v: 7.25 }, expr: { $ceil: '$v' }, expected: new Double(8) },
    { doc: { v: -2.5 }, expr: { $ceil: '$v' }, expected: new Double(-2) },
    { doc: { v: null }, expr: { $ceil: '$v' }, expected: null },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$ceil', c, path, arg, (v) => (typeof v === 'number' && !isInt32(v) ? double(Math.ceil(v)) : roundTo(v, 0, 'ceil')));
  },
};
