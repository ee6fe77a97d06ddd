// https://www.mongodb.com/docs/manual/reference/operator/aggregation/hexhash/
import { hashOperator } from './_hash';

// Expected digests are those of MongoDB's jstests/aggregation/expressions/hash.js, in upper-case hex.
export const $hexHash = hashOperator('$hexHash', 'The md5, sha256 or xxh64 digest of a string (UTF-8) or binData, as upper-case hex.', [
  { doc: { s: 'Hello World' }, expr: { $hexHash: { input: '$s', algorithm: 'md5' } }, expected: 'B10A8DB164E0754105B7A99BE72E3FE5' },
  { doc: {}, expr: { $hexHash: { input: 'x', algorithm: 'sha1' } }, error: "Currently, the only supported algorithms for $hash are 'md5', 'sha256' and 'xxh64', found: sha1" },
]);
