/**
 * The BSON limits an output document must meet before it leaves the engine, as MongoDB
 * enforces them when it turns a document into BSON: 16 MB plus 16 KB of internal room
 * (BSONObjMaxInternalSize, BSONObjectTooLarge) and 200 levels of nesting (Overflow).
 */
import { calculateObjectSize } from 'bson';
import type { Doc, Value } from '../core/types';
import { isInt32 } from './numbers';

/** BSONObjMaxInternalSize: 16 MB + 16 KB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024 + 16 * 1024;
/** BSONDepth's default limit. */
export const MAX_DEPTH = 200;

/** Thrown by the walk when it can stop early. */
class Stop {
  constructor(readonly reason: 'depth' | 'size', readonly bytes: number) {}
}

/**
 * A lower bound of the BSON size of a value's encoding (type byte and key excluded): every
 * term is at most what BSON spends, so a bound past the limit proves the document too large.
 */
function lowerBound(v: Value, depth: number, acc: number, cap: number): number {
  if (acc > cap) throw new Stop('size', acc);
  switch (typeof v) {
    case 'string':
      return acc + 5 + v.length;
    case 'number':
      return acc + (isInt32(v) ? 4 : 8);
    case 'object':
      break;
    default:
      return acc + 1;
  }
  if (v === null) return acc;
  if (Array.isArray(v)) {
    if (depth >= MAX_DEPTH) throw new Stop('depth', acc);
    acc += 5;
    for (let i = 0; i < v.length; i++) acc = lowerBound(v[i], depth + 1, acc + 2 + (i < 10 ? 1 : i < 100 ? 2 : 6), cap);
    return acc;
  }
  if (v instanceof Date) return acc + 8;
  if ((v as { _bsontype?: string })._bsontype !== undefined) {
    const p = (v as { position?: number }).position;
    return acc + (typeof p === 'number' ? 5 + p : 8);
  }
  if (depth >= MAX_DEPTH) throw new Stop('depth', acc);
  acc += 5;
  const o = v as Record<string, Value>;
  for (const k in o) {
    const x = o[k];
    if (x !== undefined) acc = lowerBound(x, depth + 1, acc + 2 + k.length, cap);
  }
  return acc;
}

/**
 * MongoDB's message when `doc` cannot become a BSON document, else undefined. Cheap for the
 * usual small document: one walk that stops at the first limit it proves broken; the exact
 * size (bson's calculateObjectSize) only when the bound comes near the limit.
 */
export function documentLimitError(doc: Doc): string | undefined {
  let bound: number;
  try {
    bound = lowerBound(doc, 0, 0, 4 * MAX_DOCUMENT_BYTES);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    if (e.reason === 'depth') return 'BSONObj exceeds maximum nested object depth';
    return tooLarge(e.bytes);
  }
  // Strings are counted in UTF-16 units, which UTF-8 can triple: near the limit, measure.
  if (bound * 3 < MAX_DOCUMENT_BYTES) return undefined;
  const size = bound > MAX_DOCUMENT_BYTES ? bound : calculateObjectSize(doc);
  return size > MAX_DOCUMENT_BYTES ? tooLarge(size) : undefined;
}

function tooLarge(size: number): string {
  return `BSONObj size: ${size} (0x${size.toString(16)}) is invalid. Size must be between 0 and ${MAX_DOCUMENT_BYTES}(16MB)`;
}
