// https://www.mongodb.com/docs/manual/reference/operator/aggregation/exp/
import { Double } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { sameKindDouble, toNumber } from '../_shared/numeric';
import { unaryNumeric } from './_internal';

export const $exp: ExprOperator = {
  name: '$exp',
  category: 'arithmetic',
  summary: "Raises Euler's number e to the given exponent.",
  docsUrl: docsUrl('exp'),
  syntax: '{ $exp: <exponent> }',
  examples: [
    { doc: { x: 0 }, expr: { $exp: '$x' }, expected: new Double(1) },
    { doc: { x: 1 }, expr: { $exp: '$x' }, expected: Math.E },
  ],
  compile(arg, c, path) {
    return unaryNumeric('$exp', c, path, arg, (v) => sameKindDouble(v, Math.exp(toNumber(v))));
  },
};
