// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toDecimal/
import { Decimal128 } from 'bson';
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'decimal' };

export const $toDecimal = unaryOperator({
  name: '$toDecimal',
  summary: 'Converts a value to a decimal (Decimal128); doubles keep 15 significant digits.',
  docsUrl: docsUrl('toDecimal'),
  examples: [
    { doc: { v: 2.5 }, expr: { $toDecimal: '$v' }, expected: Decimal128.fromString('2.50000000000000') },
    { doc: { v: '5.5' }, expr: { $toDecimal: '$v' }, expected: Decimal128.fromString('5.5') },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
