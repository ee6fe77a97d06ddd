// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sqrt/
import { Double } from 'bson';
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { sameKindDouble, toNumber } from '../_shared/numeric';
import { unaryNumeric } from './_internal';

export const $sqrt: ExprOperator = {
  name: '$sqrt',
  category: 'arithmetic',
  summary: 'Square root of a non-negative number.',
  docsUrl: docsUrl('sqrt'),
  syntax: '{ $sqrt: <number> }',
  examples: [
    { doc: { area: 25 }, expr: { $sqrt: '$area' }, expected: new Double(5) },
    { doc: { area: -1 }, expr: { $sqrt: '$area' }, error: "$sqrt's argument must be greater than or equal to 0" },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$sqrt', c, path, arg, (v) => {
      const n = toNumber(v);
      if (n < 0) throw new ExprError("$sqrt's argument must be greater than or equal to 0");
      return sameKindDouble(v, Math.sqrt(n));
    });
  },
};
