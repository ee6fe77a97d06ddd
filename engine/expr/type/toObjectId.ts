// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toObjectId/
import { ObjectId } from 'bson';
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'objectId' };

export const $toObjectId = unaryOperator({
  name: '$toObjectId',
  summary: 'Converts a 24-character hex string to an ObjectId.',
  docsUrl: docsUrl('toObjectId'),
  examples: [
    { doc: { v: '5ab9cbfa31c2ab715d42129e' }, expr: { $toObjectId: '$v' }, expected: ObjectId.createFromHexString('5ab9cbfa31c2ab715d42129e') },
    { doc: { v: 'abc' }, expr: { $toObjectId: '$v' }, error: "Failed to parse objectId 'abc' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found 3" },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
