/**
 * Number and string conversions behind $convert and the $toX shortcuts, with MongoDB's
 * ConversionFailure messages (the ones `onError` catches).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/convert/#behavior
 */
import { Decimal128, Long, ObjectId } from 'bson';
import { ExprError } from '../../core/errors';
import type { Value } from '../../core/types';
import { typeName } from '../../bson/types';
import type { ExprCategory, ExprOperator, Expr } from '../types';
import { conversionFailure } from '../date/_parse';
import { isNullish } from '../_shared/values';

export { conversionFailure };
const NO_ON_ERROR = 'in $convert with no onError value';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_LIMIT = 9223372036854775808; // 2^63 as a double

export function unsupported(from: string, to: string): ExprError {
  return conversionFailure(`Unsupported conversion from ${from} to ${to} ${NO_ON_ERROR}`);
}

function overflow(shown: string): ExprError {
  return conversionFailure(`Conversion would overflow target type ${NO_ON_ERROR}: ${shown}`);
}

/** C++ `ostream << double` (%g, 6 significant digits), as MongoDB prints doubles in messages. */
export function formatG6(d: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'nan' : d < 0 ? '-inf' : 'inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mant, e] = d.toExponential(5).split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const m = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const fixed = d.toFixed(Math.max(0, 5 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** $toString of a double: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d < 0 ? '-Infinity' : 'Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mant, e] = d.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(d);
}

function checkFinite(d: number): void {
  if (Number.isNaN(d)) throw conversionFailure(`Attempt to convert NaN value to integer type ${NO_ON_ERROR}`);
  if (!Number.isFinite(d)) throw conversionFailure(`Attempt to convert infinity value to integer type ${NO_ON_ERROR}`);
}

/** A JS number typed as double (non-integral or beyond 2^53) to int32. */
export function doubleToInt(d: number): number {
  checkFinite(d);
  if (d < INT_MIN || d > INT_MAX) throw overflow(formatG6(d));
  return Math.trunc(d) | 0;
}

export function doubleToLong(d: number): Long {
  checkFinite(d);
  if (d < -LONG_LIMIT || d >= LONG_LIMIT) throw overflow(formatG6(d));
  return Long.fromNumber(Math.trunc(d));
}

export function longToInt(l: Long): number {
  if (l.greaterThan(INT_MAX) || l.lessThan(INT_MIN)) throw overflow(l.toString());
  return l.toInt();
}

/** Decimal128 -> integer part (toward zero) as a bigint, with MongoDB's NaN/infinity errors. */
function decimalInteger(d: Decimal128): bigint {
  const s = d.toString();
  if (s === 'NaN' || s === '-NaN') throw conversionFailure(`Attempt to convert NaN value to integer type ${NO_ON_ERROR}`);
  if (s.endsWith('Infinity')) throw conversionFailure(`Attempt to convert infinity value to integer type ${NO_ON_ERROR}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/.exec(s);
  if (!m) throw overflow(s);
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  let n: bigint;
  if (exp >= 0) n = BigInt(digits) * 10n ** BigInt(exp);
  else n = -exp >= digits.length ? 0n : BigInt(digits.slice(0, digits.length + exp));
  return m[1] === '-' ? -n : n;
}

export function decimalToInt(d: Decimal128): number {
  const n = decimalInteger(d);
  if (n < BigInt(INT_MIN) || n > BigInt(INT_MAX)) throw overflow(d.toString());
  return Number(n);
}

export function decimalToLong(d: Decimal128): Long {
  const n = decimalInteger(d);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw overflow(d.toString());
  return Long.fromBigInt(n);
}

export function decimalToDouble(d: Decimal128): number {
  const s = d.toString();
  const n = Number(s.replace('E', 'e'));
  if (!Number.isFinite(n) && !s.endsWith('Infinity') && !s.endsWith('NaN')) throw overflow(s);
  return s.endsWith('NaN') ? NaN : n;
}

export function decimalIsZero(d: Decimal128): boolean {
  return /^-?0(?:\.0*)?(?:E[+-]\d+)?$/.test(d.toString());
}

/** Decimal128 of a double, rounded to 15 significant digits as MongoDB does (2.0 -> 2.00000000000000). */
export function doubleToDecimal(d: number): Decimal128 {
  if (Number.isNaN(d)) return Decimal128.fromString('NaN');
  if (!Number.isFinite(d)) return Decimal128.fromString(d < 0 ? '-Infinity' : 'Infinity');
  return Decimal128.fromString(d.toPrecision(15));
}

function parseFailure(s: string, reason: string): ExprError {
  return conversionFailure(`Failed to parse number '${s}' ${NO_ON_ERROR}: ${reason}`);
}

function precheck(s: string): void {
  if (s.startsWith('0x') || s.startsWith('0X')) throw conversionFailure(`Illegal hexadecimal input ${NO_ON_ERROR}: ${s}`);
  if (s.length === 0) throw parseFailure(s, 'No digits');
  if (/^\s/.test(s)) throw parseFailure(s, 'Leading whitespace');
}

/** NumberParser base 10 for int/long: the value as a bigint. */
function parseInteger(s: string, min: bigint, max: bigint): bigint {
  precheck(s);
  if (!/^[+-]?\d+$/.test(s)) throw parseFailure(s, /^[+-]?$/.test(s) ? 'No digits' : 'Did not consume whole string.');
  const n = BigInt(s);
  if (n < min || n > max) throw parseFailure(s, 'Overflow');
  return n;
}

export function parseInt32(s: string): number {
  return Number(parseInteger(s, BigInt(INT_MIN), BigInt(INT_MAX)));
}

export function parseInt64(s: string): Long {
  return Long.fromBigInt(parseInteger(s, -(2n ** 63n), 2n ** 63n - 1n));
}

const FLOAT_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

export function parseDouble(s: string): number {
  precheck(s);
  const sp = SPECIAL_RE.exec(s);
  if (sp) return sp[2]!.toLowerCase() === 'nan' ? NaN : sp[1] === '-' ? -Infinity : Infinity;
  if (!FLOAT_RE.test(s)) throw parseFailure(s, 'Did not consume whole string.');
  const d = Number(s);
  const nonZeroDigits = /[1-9]/.test(s.replace(/[eE].*$/, ''));
  if (!Number.isFinite(d) || (nonZeroDigits && Math.abs(d) < 2.2250738585072014e-308)) throw parseFailure(s, 'Out of range');
  return d;
}

export function parseDecimal(s: string): Decimal128 {
  precheck(s);
  const sp = SPECIAL_RE.exec(s);
  if (sp) return Decimal128.fromString(sp[2]!.toLowerCase() === 'nan' ? 'NaN' : `${sp[1] === '-' ? '-' : ''}Infinity`);
  if (!FLOAT_RE.test(s)) throw parseFailure(s, 'Failed to parse string to decimal');
  try {
    return Decimal128.fromStringWithRounding(s);
  } catch {
    throw parseFailure(s, 'Failed to parse string to decimal');
  }
}

export function parseObjectId(s: string): ObjectId {
  const fail = (reason: string): ExprError => conversionFailure(`Failed to parse objectId '${s}' ${NO_ON_ERROR}: ${reason}`);
  if (s.length !== 24) throw fail(`Invalid string length for parsing to OID, expected 24 but found ${s.length}`);
  if (!/^[0-9a-fA-F]{24}$/.test(s)) throw fail(`Invalid character found in hex string: ${s}`);
  return ObjectId.createFromHexString(s);
}

/**
 * An operator taking one expression (`<expr>` or `[<expr>]`) whose result is null for null or
 * missing input, else `fn(value)`.
 */
export function unaryOperator(
  spec: Omit<ExprOperator, 'compile' | 'category' | 'syntax'> & { fn: (v: Value) => Value; keepNullish?: boolean; category?: ExprCategory },
): ExprOperator {
  const { fn, keepNullish, category, ...rest } = spec;
  return {
    ...rest,
    category: category ?? 'type',
    syntax: `{ ${spec.name}: <expression> }`,
    compile(arg, c, path) {
      let inner: Expr;
      if (Array.isArray(arg)) {
        if (arg.length !== 1) return c.error(path, `Expression ${spec.name} takes exactly 1 arguments. ${arg.length} were passed in.`, 'ASP410');
        inner = c.expr(arg[0], [...path, 0]);
      } else {
        inner = c.expr(arg, path);
      }
      const f: Expr = keepNullish ? (ctx) => fn(inner(ctx)) : (ctx) => {
        const v = inner(ctx);
        return isNullish(v) ? null : fn(v);
      };
      return f;
    },
  };
}

export { typeName };
