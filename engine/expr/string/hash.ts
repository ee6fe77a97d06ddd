// https://www.mongodb.com/docs/manual/reference/operator/aggregation/hash/
import { Binary } from 'bson';
import { hashOperator } from './_hash';

const bin = (b64: string) => new Binary(Buffer.from(b64, 'base64'), 0);

// Expected digests are those of MongoDB's jstests/aggregation/expressions/hash.js.
export const $hash = hashOperator('$hash', 'The md5, sha256 or xxh64 digest of a string (UTF-8) or binData, as binData.', [
  { doc: { s: 'Hello World' }, expr: { $hash: { input: '$s', algorithm: 'sha256' } }, expected: bin('pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=') },
  { doc: {}, expr: { $hash: { input: '', algorithm: 'xxh64' } }, expected: bin('70bbN1HY6Zk=') },
  { doc: {}, expr: { $hash: { input: '$missing', algorithm: 'md5' } }, expected: null },
]);
