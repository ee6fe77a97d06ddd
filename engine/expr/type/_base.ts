/**
 * `$convert`'s `base` (MongoDB 8.3): integers as base 2, 8, 10 or 16 strings and back, with the
 * server's messages (parseBase, performFormatNumberWithBase, parseStringToNumber in
 * src/mongo/db/exec/expression/evaluate_convert.cpp).
 */
import { Decimal128, Long } from 'bson';
import { ExprError } from '../../core/errors';
import type { Value } from '../../core/types';
import { NUM_DECIMAL, NUM_DOUBLE, numberKind, numberValue } from '../../bson/numbers';
import { conversionFailure } from './_internal';
import { isNullish } from '../_shared/values';

const BASES = [2, 8, 10, 16];
const NO_ON_ERROR = 'in $convert with no onError value';
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** parseBase: undefined for null/missing; an integral 2, 8, 10 or 16. Not a ConversionFailure. */
export function parseBase(v: Value): number | undefined {
  if (isNullish(v)) return undefined;
  const n = numberValue(v);
  if (numberKind(v) < 0 || !Number.isInteger(n)) throw new ExprError("In $convert, 'base' argument is not an integer");
  if (!BASES.includes(n)) throw new ExprError("In $convert, 'base' argument is not a valid base");
  return n;
}

/** fmt's {:b}, {:o}, {:d}, {:X}: a minus sign, then the magnitude's digits (hex upper case). */
function digits(n: bigint, base: number): string {
  const s = (n < 0n ? -n : n).toString(base).toUpperCase();
  return n < 0n ? '-' + s : s;
}

function tooLarge(): ExprError {
  return conversionFailure(`Magnitude of the number provided for base conversion is too large ${NO_ON_ERROR}: `);
}

/** performFormat{Int,Long,Double,Decimal} with a base: integral values only. */
export function formatInBase(v: Value, kind: number, base: number): string {
  if (kind === NUM_DOUBLE || kind === NUM_DECIMAL) {
    const n = numberValue(v);
    if (!Number.isInteger(n)) throw conversionFailure(`Base conversion is not supported for non-integers ${NO_ON_ERROR}: `);
    if (kind === NUM_DECIMAL) {
      const t = /^(-?\d+)$/.exec((v as Decimal128).toString());
      const b = t ? BigInt(t[1]!) : BigInt(n);
      if (b < INT64_MIN || b > INT64_MAX) throw tooLarge();
      return digits(b, base);
    }
    if (!(n >= -9223372036854775808 && n < 9223372036854775808)) throw tooLarge();
    return digits(BigInt(n), base);
  }
  return digits(typeof v === 'number' ? BigInt(v) : (v as Long).toBigInt(), base);
}

/**
 * NumberParser().base(b) into a long long: an optional sign, the base's digits, the whole
 * string. The caller narrows the long to the target type.
 */
export function parseInBase(s: string, base: number): Long {
  const fail = (reason: string): ExprError => conversionFailure(`Failed to parse number '${s}' ${NO_ON_ERROR}: ${reason}`);
  if (s.startsWith('0x') || s.startsWith('0X')) throw conversionFailure(`Illegal hexadecimal input ${NO_ON_ERROR}: ${s}`);
  if (s.length === 0) throw fail('No digits');
  if (/^\s/.test(s)) throw fail('Leading whitespace');
  const m = /^([+-]?)(.*)$/s.exec(s)!;
  const body = m[2]!;
  if (body.length === 0) throw fail('No digits');
  if (!DIGITS[base]!.test(body)) throw fail(DIGITS[base]!.test(body[0]!) ? 'Did not consume whole string.' : 'No digits');
  const mag = BigInt(PREFIX[base] + body);
  const r = m[1] === '-' ? -mag : mag;
  if (r < INT64_MIN || r > INT64_MAX) throw fail('Overflow');
  return Long.fromBigInt(r);
}
