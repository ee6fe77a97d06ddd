// https://www.mongodb.com/docs/manual/reference/operator/aggregation/binarySize/
import { Binary } from 'bson';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

export const $binarySize = unaryOperator({
  name: '$binarySize',
  summary: 'Size in bytes of a string (UTF-8) or a binData value, as an int.',
  docsUrl: docsUrl('binarySize'),
  examples: [
    { doc: { s: 'Hello World!' }, expr: { $binarySize: '$s' }, expected: 12 },
    { doc: { s: 'éé' }, expr: { $binarySize: '$s' }, expected: 4 },
    { doc: { s: 5 }, expr: { $binarySize: '$s' }, error: '$binarySize requires a string or BinData argument, found: int' },
  ],
  category: 'misc',
  fn: (v) => {
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (v instanceof Binary) return v.position;
    throw new ExprError(`$binarySize requires a string or BinData argument, found: ${typeName(v)}`, 'Location51276');
  },
});
