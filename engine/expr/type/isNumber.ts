// https://www.mongodb.com/docs/manual/reference/operator/aggregation/isNumber/
import { isNumber as isNumeric } from '../../bson/types';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

export const $isNumber = unaryOperator({
  name: '$isNumber',
  summary: 'Returns true when the value is an int, long, double or decimal; false otherwise (also for null and missing).',
  docsUrl: docsUrl('isNumber'),
  examples: [
    { doc: { a: 1.5 }, expr: { $isNumber: '$a' }, expected: true },
    { doc: { a: '1.5' }, expr: { $isNumber: '$a' }, expected: false },
    { doc: {}, expr: { $isNumber: '$a' }, expected: false },
  ],
  keepNullish: true,
  fn: (v) => v !== undefined && isNumeric(v),
});
