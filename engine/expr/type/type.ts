// https://www.mongodb.com/docs/manual/reference/operator/aggregation/type/
import { typeName } from '../../bson/types';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

export const $type = unaryOperator({
  name: '$type',
  summary: 'Returns the BSON type name of a value ("missing" for a missing field).',
  docsUrl: docsUrl('type'),
  examples: [
    { doc: { a: 'x' }, expr: { $type: '$a' }, expected: 'string' },
    { doc: { a: [1] }, expr: { $type: '$a' }, expected: 'array' },
    { doc: {}, expr: { $type: '$a' }, expected: 'missing' },
  ],
  keepNullish: true,
  fn: typeName,
});
