// https://www.mongodb.com/docs/manual/reference/operator/aggregation/ln/
import { Double } from 'bson';
import { ExprError } from '../../core/errors';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { sameKindDouble, toNumber } from '../_shared/numeric';
import { fmtNum, unaryNumeric } from './_internal';

export const $ln: ExprOperator = {
  name: '$ln',
  category: 'arithmetic',
  summary: 'Natural logarithm of a positive number.',
  docsUrl: docsUrl('ln'),
  syntax: '{ $ln: <number> }',
  examples: [
    { doc: { x: 1 }, expr: { $ln: '$x' }, expected: new Double(0) },
    { doc: { x: 0 }, expr: { $ln: '$x' }, error: "$ln's argument must be a positive number, but is 0" },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$ln', c, path, arg, (v) => {
      const n = toNumber(v);
      if (!(n > 0 || Number.isNaN(n))) throw new ExprError(`$ln's argument must be a positive number, but is ${fmtNum(n)}`);
      return sameKindDouble(v, Math.log(n));
    });
  },
};
