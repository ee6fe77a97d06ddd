/**
 * Which JS value is which BSON number (docs/architecture.md "Numbers"), and the constructors
 * that keep results in that representation:
 * - a plain JS number is an int32 when it is integral, in int32 range and not -0, else a double;
 * - a double whose value would read as an int32 (2.0) is boxed in bson `Double`;
 * - int64 is always bson `Long` (a `bigint` is accepted as input);
 * - decimal is bson `Decimal128`.
 */
import { Double, Long } from 'bson';
import type { Value } from '../core/types';
import { BSON_UNDEFINED } from './undefined';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/** Number kinds in MongoDB's widening order (int -> long -> double -> decimal). */
export const NUM_INT = 0;
export const NUM_LONG = 1;
export const NUM_DOUBLE = 2;
export const NUM_DECIMAL = 3;

/** A plain JS number that stands for a BSON int32. */
export function isInt32(n: number): boolean {
  return (n | 0) === n && (n !== 0 || 1 / n > 0);
}

/** NUM_* of a value, -1 when it is not a number. */
export function numberKind(v: Value): number {
  if (typeof v === 'number') return isInt32(v) ? NUM_INT : NUM_DOUBLE;
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? NUM_LONG : -1;
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'Double':
      return NUM_DOUBLE;
    case 'Long':
      return NUM_LONG;
    case 'Decimal128':
      return NUM_DECIMAL;
    case 'Int32':
      return NUM_INT;
    default:
      return -1;
  }
}

/** A BSON double holding `n`: the plain number unless it would read as an int32. */
export function double(n: number): number | Double {
  return isInt32(n) ? new Double(n) : n;
}

/**
 * An exact integer result of int32/int64 arithmetic: int32 when it fits, else int64. `n` must
 * be integral and exact (|n| <= 2^53); -0 becomes 0 (integers have no sign of zero).
 */
export function intOrLong(n: number): number | Long {
  return (n | 0) === n ? n | 0 : Long.fromNumber(n);
}

/** The engine value for a BSON double read from a driver or a file (boxed when integral). */
export function fromDoubleBox(v: Double): number | Double {
  const n = v.value;
  return isInt32(n) ? v : n;
}

function cmpDoubles(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : -1; // NaN sorts before every other number
  if (b !== b) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function asBig(v: Value): bigint {
  return typeof v === 'bigint' ? v : (v as Long).toBigInt();
}

/** An int64 against a double, exactly (a double beyond 2^53 is not rounded to the long). */
function cmpLongDouble(l: bigint, d: number): number {
  if (d !== d) return 1;
  if (d === Infinity) return -1;
  if (d === -Infinity) return 1;
  const f = Math.floor(d);
  const bf = BigInt(f);
  if (l !== bf) return l < bf ? -1 : 1;
  return f === d ? 0 : -1;
}

/** MongoDB's order of two numeric values of any types (decimal compares as a double). */
export function compareNumbers(a: Value, b: Value): number {
  const ka = numberKind(a);
  const kb = numberKind(b);
  if (ka === NUM_LONG || kb === NUM_LONG) {
    if (ka === NUM_LONG && kb === NUM_LONG) {
      const x = asBig(a);
      const y = asBig(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (ka !== NUM_DECIMAL && kb !== NUM_DECIMAL) {
      if (ka === NUM_LONG) return cmpLongDouble(asBig(a), numberValue(b));
      return -cmpLongDouble(asBig(b), numberValue(a));
    }
  }
  return cmpDoubles(numberValue(a), numberValue(b));
}

/** Numeric value as a JS number (Long and Decimal128 lose precision past 2^53). */
export function numberValue(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  switch ((v as { _bsontype?: string })._bsontype) {
    case 'Double':
    case 'Int32':
      return (v as { value: number }).value;
    case 'Long':
      return (v as Long).toNumber();
    case 'Decimal128':
      return Number((v as { toString(): string }).toString());
    default:
      return NaN;
  }
}

/**
 * Values the bson library decoded with `promoteValues: false` (or EJSON's canonical parser) in
 * the engine's representation, in place: Int32 becomes a plain number, a Double a plain
 * number unless its value reads as an int32. A JS undefined under a key or in an array is how
 * the library decodes BSON undefined (type 6): it becomes BSON_UNDEFINED (engine/bson/undefined.ts).
 */
export function normalizeNumbers(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      v[i] = x === undefined ? BSON_UNDEFINED : normalizeNumbers(x);
    }
    return v;
  }
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Int32') return (v as { value: number }).value;
  if (bt === 'Double') return fromDoubleBox(v as Double);
  if (bt !== undefined || v instanceof Date) return v;
  const o = v as Record<string, Value>;
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') o[k] = normalizeNumbers(x);
    else if (x === undefined) o[k] = BSON_UNDEFINED;
  }
  return o;
}
