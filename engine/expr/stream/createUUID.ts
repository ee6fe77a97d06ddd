// https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-createuuid/
import { randomBytes } from 'node:crypto';
import { Binary } from 'bson';
import { isPlainObject } from '../../bson/types';
import type { ExprOperator } from '../types';

/** A random (version 4, RFC 4122 variant) UUID as BinData subtype 4. */
export function uuidV4(): Binary {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return new Binary(b, Binary.SUBTYPE_UUID);
}

export const $createUUID: ExprOperator = {
  name: '$createUUID',
  category: 'stream',
  summary: 'A new random UUID (version 4, BinData subtype 4) for every evaluation.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-createuuid/',
  syntax: '{ $createUUID: {} }',
  snippet: '{}',
  examples: [
    { doc: {}, expr: { $ne: [{ $createUUID: {} }, { $createUUID: {} }] }, expected: true },
    { doc: {}, expr: { $createUUID: { v: 4 } }, error: '$createUUID does not accept arguments.' },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg) || Object.keys(arg).length > 0) return c.error(path, '$createUUID does not accept arguments.', 'ASP411');
    return () => uuidV4();
  },
};
