/**
 * Numeric summation shared by $sum, $avg and friends. Keeps MongoDB's result widening
 * (int -> long -> double -> decimal) and uses compensated (Neumaier) summation, close to the
 * server's double-double sum. Values are JS numbers internally; see docs/parity.md for Decimal128.
 */
import { Decimal128, Long } from 'bson';
import type { Value } from '../core/types';
import { toNumber } from '../bson/types';

export const KIND_INT = 0;
export const KIND_LONG = 1;
export const KIND_DOUBLE = 2;
export const KIND_DECIMAL = 3;

export interface NumSum {
  sum: number;
  /** Compensation term of the Neumaier sum. */
  c: number;
  /** Numeric values seen. */
  n: number;
  kind: number;
  /** A bson Long was among the inputs: integral results come back as Long. */
  sawLong: boolean;
}

export function newNumSum(): NumSum {
  return { sum: 0, c: 0, n: 0, kind: KIND_INT, sawLong: false };
}

function addRaw(s: NumSum, x: number): void {
  const t = s.sum + x;
  if (Math.abs(s.sum) >= Math.abs(x)) s.c += s.sum - t + x;
  else s.c += x - t + s.sum;
  s.sum = t;
}

/** Add `v` if it is numeric; returns false (state untouched) for anything else. */
export function addNum(s: NumSum, v: Value): boolean {
  if (typeof v === 'number') {
    s.n++;
    if (s.kind < KIND_DOUBLE && !Number.isInteger(v)) s.kind = KIND_DOUBLE;
    else if (s.kind === KIND_INT && (v > 2147483647 || v < -2147483648)) s.kind = KIND_LONG;
    addRaw(s, v);
    return true;
  }
  if (v === null || typeof v !== 'object') return false;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') {
    s.sawLong = true;
    if (s.kind < KIND_LONG) s.kind = KIND_LONG;
  } else if (bt === 'Decimal128') s.kind = KIND_DECIMAL;
  else if (bt === 'Double') {
    if (s.kind < KIND_DOUBLE) s.kind = KIND_DOUBLE;
  } else if (bt !== 'Int32') return false;
  s.n++;
  addRaw(s, toNumber(v));
  return true;
}

export function mergeNum(a: NumSum, b: NumSum): NumSum {
  return {
    sum: a.sum + b.sum,
    c: a.c + b.c,
    n: a.n + b.n,
    kind: Math.max(a.kind, b.kind),
    sawLong: a.sawLong || b.sawLong,
  };
}

/** mergeNum that folds `b` into `a` (owned by the caller). */
export function mergeNumInto(a: NumSum, b: NumSum): NumSum {
  a.sum += b.sum;
  a.c += b.c;
  a.n += b.n;
  if (b.kind > a.kind) a.kind = b.kind;
  if (b.sawLong) a.sawLong = true;
  return a;
}

export function numTotal(s: NumSum): number {
  return s.sum + s.c;
}

/** Render a number with the type MongoDB would give it. */
export function typedNumber(x: number, kind: number, sawLong: boolean): Value {
  if (kind === KIND_DECIMAL) return Decimal128.fromString(Number.isFinite(x) ? String(x) : x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN');
  if (kind <= KIND_LONG) {
    // Integer sums that leave the safe range are doubles in MongoDB too (overflow of long).
    if (!Number.isSafeInteger(x)) return x;
    if (sawLong) return Long.fromNumber(x);
  }
  return x;
}

export function snapshotNum(s: NumSum): Value {
  return { sum: s.sum, c: s.c, n: s.n, kind: s.kind, sawLong: s.sawLong };
}

export function restoreNum(v: Value): NumSum {
  const o = v as NumSum;
  return { sum: o.sum, c: o.c, n: o.n, kind: o.kind, sawLong: o.sawLong };
}
