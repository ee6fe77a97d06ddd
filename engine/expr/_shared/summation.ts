/**
 * The sum behind $sum and $avg (accumulators and expressions), as MongoDB computes it
 * (AccumulatorSum, AccumulatorAvg, DoubleDoubleSummation in src/mongo/util/summation.h):
 * ints, longs and doubles go into one double-double sum (Fast2Sum then 2Sum per addend, so a
 * long series matches the server to the last bit), decimals into an exact decimal total;
 * the result takes the widest input type (int -> long -> double -> decimal).
 */
import { Decimal128, Long } from 'bson';
import type { Value } from '../../core/types';
import { NUM_DECIMAL, NUM_DOUBLE, NUM_INT, NUM_LONG, double, isInt32 } from '../../bson/numbers';
import { type Dec, decAdd, decDiv, decFromNumber, fromDec, parseDec, toDec } from './decimal';

export interface NumSum {
  /** The rounded-to-nearest part of the double-double sum. */
  sum: number;
  /** The remainder the rounded part lost. */
  add: number;
  /** A plain sum, returned when the compensated one turns NaN (infinities of both signs). */
  special: number;
  /** Numeric inputs seen. */
  n: number;
  /** Widest input type, NUM_*. */
  kind: number;
  /** The decimal inputs; null until the first one (most sums never see a decimal). */
  dec: DecTotal | null;
}

interface DecTotal {
  /** Exact total of the finite decimal inputs. */
  total: Dec;
  /** Sum of the NaN and infinite decimal inputs (0 when there were none). */
  special: number;
}

export function newNumSum(): NumSum {
  return { sum: 0, add: 0, special: 0, n: 0, kind: NUM_INT, dec: null };
}

/**
 * While every input is an int32, |sum| < 2^52 and nothing is left in `add`, plain addition is
 * exact and the compensated steps would compute the same (sum + x, 0).
 */
const EXACT = 4503599627370496;

/** DoubleDoubleSummation::addDouble. */
export function addDouble(s: NumSum, x: number): void {
  s.special += x;
  // Fast2Sum(x, add): the addend is the smaller part.
  let t = x + s.add;
  s.add = s.add - (t - x);
  x = t;
  // 2Sum(sum, x): x may be larger than the running sum.
  t = s.sum + x;
  const ap = t - x;
  const bp = t - ap;
  x = s.sum - ap + (x - bp);
  s.sum = t;
  s.add += x;
}

/** addLong: the two 32-bit halves as doubles, so the sum stays exact. */
function addLong(s: NumSum, v: bigint): void {
  const high = (v / 4294967296n) * 4294967296n;
  addDouble(s, Number(v - high));
  addDouble(s, Number(high));
}

function addDecimal(s: NumSum, v: Value): void {
  const t = (s.dec ??= { total: { c: 0n, e: 0 }, special: 0 });
  const d = toDec(v);
  if (d === null) t.special += Number((v as Decimal128).toString());
  else t.total = decAdd(t.total, d);
}

/** Add `v` if it is numeric; returns false (state untouched) for anything else. */
export function addNum(s: NumSum, v: Value): boolean {
  if (typeof v === 'number') {
    s.n++;
    if (isInt32(v)) {
      if (s.kind === NUM_INT && s.sum < EXACT && s.sum > -EXACT && s.add === 0) {
        s.sum += v;
        s.special += v;
        return true;
      }
    } else if (s.kind < NUM_DOUBLE) s.kind = NUM_DOUBLE;
    addDouble(s, v);
    return true;
  }
  if (v === null || typeof v !== 'object') {
    if (typeof v !== 'bigint') return false;
    if (s.kind < NUM_LONG) s.kind = NUM_LONG;
    addLong(s, v);
  } else {
    switch ((v as { _bsontype?: string })._bsontype) {
      case 'Double':
        if (s.kind < NUM_DOUBLE) s.kind = NUM_DOUBLE;
        addDouble(s, (v as { value: number }).value);
        break;
      case 'Long':
        if (s.kind < NUM_LONG) s.kind = NUM_LONG;
        addLong(s, (v as Long).toBigInt());
        break;
      case 'Int32':
        addDouble(s, (v as { value: number }).value);
        break;
      case 'Decimal128':
        s.kind = NUM_DECIMAL;
        addDecimal(s, v);
        break;
      default:
        return false;
    }
  }
  s.n++;
  return true;
}

/** Fold the partial sum `b` into `a` (applyPartialSum: its two parts as two addends). */
export function mergeNumInto(a: NumSum, b: NumSum): NumSum {
  addDouble(a, b.sum);
  // A partial sum of +-Infinity carries a NaN remainder that must not turn the total NaN.
  if (Number.isFinite(b.sum) || !Number.isNaN(b.add)) addDouble(a, b.add);
  a.n += b.n;
  if (b.kind > a.kind) a.kind = b.kind;
  if (b.dec !== null) a.dec = a.dec === null ? { ...b.dec } : { total: decAdd(a.dec.total, b.dec.total), special: a.dec.special + b.dec.special };
  return a;
}

export function copyNum(s: NumSum): NumSum {
  return { sum: s.sum, add: s.add, special: s.special, n: s.n, kind: s.kind, dec: s.dec === null ? null : { ...s.dec } };
}

export function mergeNum(a: NumSum, b: NumSum): NumSum {
  return mergeNumInto(copyNum(a), b);
}

const TWO_63 = 9223372036854775808;

/** DoubleDoubleSummation::getDouble. */
export function sumDouble(s: NumSum): number {
  return Number.isNaN(s.sum) ? s.special : s.sum;
}

/** DoubleDoubleSummation::fitsLong. */
function fitsLong(s: NumSum): boolean {
  if (s.sum > -TWO_63 && s.sum < TWO_63) return true;
  if (s.sum === TWO_63) return s.add < -0.5;
  if (s.sum === -TWO_63) return s.add >= -0.5;
  return false;
}

/** C llround: to the nearest integer, halves away from zero. */
function llround(d: number): number {
  return d < 0 ? -Math.round(-d) : Math.round(d);
}

/** DoubleDoubleSummation::getLong (the caller checked fitsLong). */
function sumLong(s: NumSum): bigint {
  if (s.sum === TWO_63) return BigInt(llround(s.add)) + 2n ** 63n;
  const hi = llround(s.sum);
  return BigInt(hi) + BigInt(llround(s.sum - hi + s.add));
}

/** DoubleDoubleSummation::getDecimal plus the decimal inputs. */
function sumDecimal(s: NumSum): Dec | null {
  if ((s.dec !== null && s.dec.special !== 0) || !Number.isFinite(s.sum)) return null;
  const nonDec = decAdd(toDec34(s.sum), toDec34(s.add));
  return s.dec === null ? nonDec : decAdd(s.dec.total, nonDec);
}

/** Decimal128(double, kRoundTo34Digits): the double's exact value to 34 digits. */
function toDec34(d: number): Dec {
  return Number.isSafeInteger(d) ? { c: BigInt(d), e: 0 } : parseDec(d.toPrecision(34))!;
}

function decimalSpecial(s: NumSum): Decimal128 {
  const ds = s.dec === null ? 0 : s.dec.special;
  return decFromNumber(ds !== 0 ? ds + (Number.isFinite(s.sum) ? 0 : s.special) : s.special);
}

/** AccumulatorSum::getValue: the sum typed like the widest input. */
export function sumResult(s: NumSum): Value {
  switch (s.kind) {
    case NUM_INT:
      if (fitsLong(s)) {
        const r = sumLong(s);
        return r >= -2147483648n && r <= 2147483647n ? Number(r) : Long.fromBigInt(r);
      }
      return double(sumDouble(s));
    case NUM_LONG:
      return fitsLong(s) ? Long.fromBigInt(sumLong(s)) : double(sumDouble(s));
    case NUM_DOUBLE:
      return double(sumDouble(s));
    default: {
      const d = sumDecimal(s);
      return d === null ? decimalSpecial(s) : fromDec(d);
    }
  }
}

/** AccumulatorAvg::getValue: null with no input, a decimal for decimal input, else a double. */
export function avgResult(s: NumSum): Value {
  if (s.n === 0) return null;
  if (s.kind === NUM_DECIMAL) {
    const d = sumDecimal(s);
    return d === null ? decimalSpecial(s) : fromDec(decDiv(d, { c: BigInt(s.n), e: 0 }));
  }
  return double(sumDouble(s) / s.n);
}

/** Checkpoint form (EJSON-serialisable: the decimal total as a string). */
export function snapshotNum(s: NumSum): Value {
  const d = s.dec;
  return { sum: s.sum, c: s.add, sp: s.special, n: s.n, kind: s.kind, dec: d === null ? null : `${d.total.c}E${d.total.e}`, ds: d === null ? 0 : d.special };
}

/** Inverse of snapshotNum; also reads the older {sum, c, n, kind} form. */
export function restoreNum(v: Value): NumSum {
  const o = v as { sum: number; c: number; sp?: number; n: number; kind: number; dec?: string | null; ds?: number };
  const num = (x: unknown): number => (typeof x === 'number' ? x : Number(x));
  return {
    sum: num(o.sum),
    add: num(o.c),
    special: o.sp === undefined ? num(o.sum) + num(o.c) : num(o.sp),
    n: num(o.n),
    kind: num(o.kind),
    dec: typeof o.dec === 'string' ? { total: parseDec(o.dec)!, special: o.ds === undefined ? 0 : num(o.ds) } : null,
  };
}
