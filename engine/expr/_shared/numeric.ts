/**
 * Numeric type promotion for expressions, MongoDB's widening rules: int32 -> int64 -> double,
 * decimal wins. An int32 result that overflows becomes an int64, an int64 result that
 * overflows a double (Value::getWidestNumeric and the overflow checks of $add, $multiply...).
 */
import { Long } from 'bson';
import type { Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import { NUM_DECIMAL, NUM_DOUBLE, NUM_INT, NUM_LONG, double, intOrLong, isInt32, numberKind } from '../../bson/numbers';
import { type Dec, decAdd, decDiv, decFromNumber, decMul, decNeg, fromDec, toDec } from './decimal';

export const KIND_INT = NUM_INT;
export const KIND_LONG = NUM_LONG;
export const KIND_DOUBLE = NUM_DOUBLE;
export const KIND_DECIMAL = NUM_DECIMAL;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** KIND_* of a value; -1 for non-numeric values. */
export const numKind = numberKind;

export { double, intOrLong, isNumber, toNumber };

/** True for values that are whole numbers (any numeric type). */
export function isIntegral(v: Value): boolean {
  const k = numKind(v);
  if (k === KIND_LONG || k === KIND_INT) return true;
  if (k < 0) return false;
  return Number.isInteger(toNumber(v));
}

/** An integral int or long value as a bigint (the caller checked the kind). */
export function bigOf(v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  return (v as Long).toBigInt();
}

/** A bigint result of long arithmetic: Long if it fits int64, else a double. */
export function longResult(r: bigint): Value {
  return r >= INT64_MIN && r <= INT64_MAX ? Long.fromBigInt(r) : double(Number(r));
}


type BigOp = (a: bigint, b: bigint) => bigint;
type NumOp = (a: number, b: number) => number;

function decimalOp(a: Value, b: Value, op: (x: Dec, y: Dec) => Dec, num: NumOp): Value {
  const da = toDec(a);
  const db = toDec(b);
  if (da === null || db === null) return decFromNumber(num(toNumber(a), toNumber(b)));
  return fromDec(op(da, db));
}

function generic(a: Value, b: Value, big: BigOp, num: NumOp, dec: (x: Dec, y: Dec) => Dec): Value {
  const k = Math.max(numKind(a), numKind(b));
  if (k === KIND_DECIMAL) return decimalOp(a, b, dec, num);
  if (k === KIND_DOUBLE) return double(num(toNumber(a), toNumber(b)));
  const r = big(bigOf(a), bigOf(b));
  if (k === KIND_INT && r >= -2147483648n && r <= 2147483647n) return Number(r);
  // int64 overflow: MongoDB redoes the operation on the operands as doubles.
  return r >= INT64_MIN && r <= INT64_MAX ? Long.fromBigInt(r) : double(num(toNumber(a), toNumber(b)));
}

const bigAdd: BigOp = (x, y) => x + y;
const bigSub: BigOp = (x, y) => x - y;
const bigMul: BigOp = (x, y) => x * y;
const numAdd: NumOp = (x, y) => x + y;
const numSub: NumOp = (x, y) => x - y;
const numMul: NumOp = (x, y) => x * y;
const decSub = (x: Dec, y: Dec): Dec => decAdd(x, decNeg(y));

/** a + b for two numeric values of any types. */
export function add2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    // Two int32s: the sum is exact (|r| < 2^32) and only needs promoting past int32.
    if (isInt32(a) && isInt32(b)) return (r | 0) === r ? r : Long.fromNumber(r);
    return double(r);
  }
  return generic(a, b, bigAdd, numAdd, decAdd);
}

export function sub2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (isInt32(a) && isInt32(b)) return (r | 0) === r ? r | 0 : Long.fromNumber(r);
    return double(r);
  }
  return generic(a, b, bigSub, numSub, decSub);
}

export function mul2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (isInt32(a) && isInt32(b)) {
      if ((r | 0) === r) return r | 0;
      // Beyond 2^53 the double product is rounded: redo it exactly.
      return Number.isSafeInteger(r) ? Long.fromNumber(r) : Long.fromBigInt(BigInt(a) * BigInt(b));
    }
    return double(r);
  }
  return generic(a, b, bigMul, numMul, decMul);
}

/** a / b; the caller has checked b is not zero. Decimal if either side is, else a double. */
export function div2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return double(a / b);
  if (numKind(a) === KIND_DECIMAL || numKind(b) === KIND_DECIMAL) return decimalOp(a, b, decDiv, (x, y) => x / y);
  return double(toNumber(a) / toNumber(b));
}

export function isZero(v: Value): boolean {
  return toNumber(v) === 0;
}

/** A double result (e.g. $sqrt) typed like MongoDB: decimal for a decimal input, else double. */
export function sameKindDouble(input: Value, r: number): Value {
  return numKind(input) === KIND_DECIMAL ? decFromNumber(r) : double(r);
}
