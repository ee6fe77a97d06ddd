// https://www.mongodb.com/docs/manual/reference/operator/aggregation/log10/
import { Double } from 'bson';
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { sameKindDouble, toNumber } from '../_shared/numeric';
import { fmtNum, unaryNumeric } from './_internal';

export const $log10: ExprOperator = {
  name: '$log10',
  category: 'arithmetic',
  summary: 'Base-10 logarithm of a positive number.',
  docsUrl: docsUrl('log10'),
  syntax: '{ $log10: <number> }',
  examples: [
    { doc: { x: 1000 }, expr: { $log10: '$x' }, expected: new Double(3) },
    { doc: { x: -1 }, expr: { $log10: '$x' }, error: "$log10's argument must be a positive number, but is -1" },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$log10', c, path, arg, (v) => {
      const n = toNumber(v);
      if (!(n > 0 || Number.isNaN(n))) throw new ExprError(`$log10's argument must be a positive number, but is ${fmtNum(n)}`);
      return sameKindDouble(v, Math.log10(n));
    });
  },
};
