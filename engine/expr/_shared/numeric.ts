/**
 * Numeric type promotion for expressions: int/double (JS number) < long (bson Long) <
 * decimal (Decimal128). Integer results that leave the int64 range become doubles, as in MongoDB.
 */
import { Long } from 'bson';
import type { Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import { type Dec, decAdd, decDiv, decFromNumber, decMul, decNeg, fromDec, toDec } from './decimal';

export const KIND_NUMBER = 0;
export const KIND_LONG = 1;
export const KIND_DECIMAL = 2;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** -1 for non-numeric values. */
export function numKind(v: Value): number {
  if (typeof v === 'number') return KIND_NUMBER;
  if (v === null || v === undefined) return -1;
  if (typeof v === 'bigint') return KIND_LONG;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') return KIND_LONG;
  if (bt === 'Decimal128') return KIND_DECIMAL;
  if (bt === 'Int32' || bt === 'Double') return KIND_NUMBER;
  return -1;
}

export { isNumber, toNumber };

/** True for values that are whole numbers (any numeric type). */
export function isIntegral(v: Value): boolean {
  const k = numKind(v);
  if (k === KIND_LONG) return true;
  if (k === KIND_NUMBER) return Number.isInteger(toNumber(v));
  if (k === KIND_DECIMAL) return Number.isInteger(toNumber(v));
  return false;
}

function asBigInt(v: Value): bigint | null {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null;
  if (typeof v === 'bigint') return v;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') return (v as Long).toBigInt();
  const n = toNumber(v);
  return Number.isInteger(n) ? BigInt(n) : null;
}

/** A bigint result of long arithmetic: Long if it fits int64, else a double. */
export function longResult(r: bigint): Value {
  return r >= INT64_MIN && r <= INT64_MAX ? Long.fromBigInt(r) : Number(r);
}

type BigOp = (a: bigint, b: bigint) => bigint;
type NumOp = (a: number, b: number) => number;

function mixed(a: Value, b: Value, big: BigOp, num: NumOp): Value {
  const ba = asBigInt(a);
  const bb = ba === null ? null : asBigInt(b);
  if (ba !== null && bb !== null) return longResult(big(ba, bb));
  return num(toNumber(a), toNumber(b));
}

function decimalOp(a: Value, b: Value, op: (x: Dec, y: Dec) => Dec, num: NumOp): Value {
  const da = toDec(a);
  const db = toDec(b);
  if (da === null || db === null) return decFromNumber(num(toNumber(a), toNumber(b)));
  return fromDec(op(da, db));
}

const bigAdd: BigOp = (x, y) => x + y;
const bigSub: BigOp = (x, y) => x - y;
const bigMul: BigOp = (x, y) => x * y;
const numAdd: NumOp = (x, y) => x + y;
const numSub: NumOp = (x, y) => x - y;
const numMul: NumOp = (x, y) => x * y;

/** a + b for two numeric values. */
export function add2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const k = Math.max(numKind(a), numKind(b));
  if (k === KIND_DECIMAL) return decimalOp(a, b, decAdd, numAdd);
  if (k === KIND_LONG) return mixed(a, b, bigAdd, numAdd);
  return toNumber(a) + toNumber(b);
}

export function sub2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const k = Math.max(numKind(a), numKind(b));
  if (k === KIND_DECIMAL) return decimalOp(a, b, (x, y) => decAdd(x, decNeg(y)), numSub);
  if (k === KIND_LONG) return mixed(a, b, bigSub, numSub);
  return toNumber(a) - toNumber(b);
}

export function mul2(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  const k = Math.max(numKind(a), numKind(b));
  if (k === KIND_DECIMAL) return decimalOp(a, b, decMul, numMul);
  if (k === KIND_LONG) return mixed(a, b, bigMul, numMul);
  return toNumber(a) * toNumber(b);
}

/** a / b; the caller has checked b is not zero. Decimal if either side is, else double. */
export function div2(a: Value, b: Value): Value {
  if (numKind(a) === KIND_DECIMAL || numKind(b) === KIND_DECIMAL) return decimalOp(a, b, decDiv, (x, y) => x / y);
  return toNumber(a) / toNumber(b);
}

export function isZero(v: Value): boolean {
  return toNumber(v) === 0;
}

/** Wrap a double result back into the input's decimal type when the input was decimal. */
export function sameKindDouble(input: Value, r: number): Value {
  return numKind(input) === KIND_DECIMAL ? decFromNumber(r) : r;
}
