// https://www.mongodb.com/docs/manual/reference/operator/aggregation/bsonSize/
import { calculateObjectSize } from 'bson';
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

export const $bsonSize = unaryOperator({
  name: '$bsonSize',
  summary: 'Size in bytes of a document encoded as BSON, as an int (numbers count with their BSON type).',
  docsUrl: docsUrl('bsonSize'),
  examples: [
    { doc: { d: { a: 1 } }, expr: { $bsonSize: '$d' }, expected: 12 },
    { doc: { d: { a: 1.5 } }, expr: { $bsonSize: '$d' }, expected: 16 },
    { doc: { d: [1] }, expr: { $bsonSize: '$d' }, error: '$bsonSize requires a document input, found: array' },
  ],
  category: 'misc',
  fn: (v) => {
    if (!isPlainObject(v)) throw new ExprError(`$bsonSize requires a document input, found: ${typeName(v)}`, 'Location31393');
    return calculateObjectSize(v, { ignoreUndefined: true });
  },
});
