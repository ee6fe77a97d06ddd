/**
 * A 32-bit hash of BSON values for routing writes to parallel lanes: values MongoDB treats as
 * equal in a query filter (1, 1.0, Long(1), Decimal128("1")) hash the same, so every write to one
 * document lands in one lane and keeps its order. Collisions only cost parallelism.
 */
import type { Value } from '../core/types';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

function mix(h: number, byte: number): number {
  return Math.imul(h ^ byte, FNV_PRIME);
}

function mixNumber(h: number, n: number): number {
  // One representation per numeric value: -0 and 0, and every NaN, compare equal in MongoDB.
  f64[0] = n === 0 ? 0 : Number.isNaN(n) ? NaN : n;
  for (let i = 0; i < 8; i++) h = mix(h, f64Bytes[i]!);
  return h;
}

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = mix(mix(h, c & 0xff), c >>> 8);
  }
  return h;
}

function mixBytes(h: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) h = mix(h, b[i]!);
  return h;
}

/** Folds `v` into the running hash `h`. */
export function hashValue(v: Value, h: number = FNV_OFFSET): number {
  if (v === null || v === undefined) return mix(h, 1);
  switch (typeof v) {
    case 'number':
      return mixNumber(mix(h, 2), v);
    case 'bigint':
      return mixNumber(mix(h, 2), Number(v));
    case 'string':
      return mixString(mix(h, 3), v);
    case 'boolean':
      return mix(mix(h, 4), v ? 1 : 0);
    case 'object':
      break;
    default:
      return mix(h, 5);
  }
  if (Array.isArray(v)) {
    h = mix(h, 6);
    for (const x of v) h = hashValue(x, h);
    return h;
  }
  if (v instanceof Date) return mixNumber(mix(h, 7), v.getTime());
  if (v instanceof Uint8Array) return mixBytes(mix(h, 8), v);
  const o = v as { _bsontype?: string; toNumber?: () => number; valueOf(): unknown; toString(): string; id?: Uint8Array; buffer?: Uint8Array };
  switch (o._bsontype) {
    case undefined:
      break;
    case 'Long':
      return mixNumber(mix(h, 2), o.toNumber!());
    case 'Int32':
    case 'Double':
      return mixNumber(mix(h, 2), Number(o.valueOf()));
    case 'Decimal128':
      return mixNumber(mix(h, 2), Number(o.toString()));
    case 'ObjectId':
      return mixBytes(mix(h, 9), o.id!);
    case 'Binary':
      return mixBytes(mix(h, 8), o.buffer!);
    default:
      return mixString(mix(h, 10), `${o._bsontype}:${o.toString()}`);
  }
  h = mix(h, 11);
  const d = v as Record<string, Value>;
  for (const k in d) h = hashValue(d[k], mixString(h, k));
  return h;
}
