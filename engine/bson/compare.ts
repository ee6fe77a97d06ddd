/** MongoDB's comparison order over BSON values. */
import type { Value } from '../core/types';
import { typeName } from './types';
import { compareNumbers } from './numbers';
import type { Binary, ObjectId, Timestamp, BSONRegExp } from 'bson';

// Canonical type order: https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
// BSON undefined ranks below null and missing (the server's canonical type 0, null's is 5;
// $sort treats missing as null), at 1.5 so the other brackets keep their numbers.
const ORDER: Record<string, number> = {
  minKey: 1, undefined: 1.5, missing: 2, null: 2,
  int: 3, long: 3, double: 3, decimal: 3,
  symbol: 4, string: 4,
  object: 5, array: 6, binData: 7, objectId: 8, bool: 9, date: 10, timestamp: 11, regex: 12,
  javascript: 13, maxKey: 14,
};

export function typeOrder(v: Value): number {
  return ORDER[typeName(v)] ?? 13;
}

function cmpNum(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1; // NaN sorts before all numbers
  if (Number.isNaN(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order used by $sort, $min/$max, $cmp and comparison operators (same type bracket). */
export function compare(a: Value, b: Value): number {
  const ta = typeName(a);
  const tb = typeName(b);
  const oa = ORDER[ta] ?? 13;
  const ob = ORDER[tb] ?? 13;
  if (oa !== ob) return oa < ob ? -1 : 1;
  switch (oa) {
    case 1: case 1.5: case 2: case 14:
      return 0;
    case 3:
      if (typeof a === 'number' && typeof b === 'number') return cmpNum(a, b);
      return compareNumbers(a, b);
    case 4:
      return cmpStr(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, Value>, b as Record<string, Value>);
    case 6:
      return compareArrays(a as Value[], b as Value[]);
    case 7: {
      const ba = a as Binary;
      const bb = b as Binary;
      if (ba.position !== bb.position) return ba.position < bb.position ? -1 : 1;
      if (ba.sub_type !== bb.sub_type) return ba.sub_type < bb.sub_type ? -1 : 1;
      return Buffer.compare(Buffer.from(ba.buffer.subarray(0, ba.position)), Buffer.from(bb.buffer.subarray(0, bb.position)));
    }
    case 8:
      return cmpStr((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10:
      return cmpNum((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.high !== y.high ? (x.high < y.high ? -1 : 1) : x.low !== y.low ? (x.low >>> 0 < y.low >>> 0 ? -1 : 1) : 0;
    }
    case 12: {
      const ra = regexParts(a);
      const rb = regexParts(b);
      return cmpStr(ra[0], rb[0]) || cmpStr(ra[1], rb[1]);
    }
    default:
      return cmpStr(String(a), String(b));
  }
}

function regexParts(v: Value): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as BSONRegExp;
  return [r.pattern, r.options];
}

function compareObjects(a: Record<string, Value>, b: Record<string, Value>): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]!];
    const vb = b[kb[i]!];
    const t = (ORDER[typeName(va)] ?? 13) - (ORDER[typeName(vb)] ?? 13);
    if (t !== 0) return t < 0 ? -1 : 1;
    const k = cmpStr(ka[i]!, kb[i]!);
    if (k !== 0) return k;
    const c = compare(va, vb);
    if (c !== 0) return c;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

function compareArrays(a: Value[], b: Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Equality as $eq sees it in expressions (numbers of any width are equal by value). */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return compare(a, b) === 0;
}
