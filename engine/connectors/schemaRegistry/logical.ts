/**
 * Conversions for Avro logical types: decimal (two's-complement big-endian unscaled integer)
 * to and from Decimal128, uuid strings to and from UUID binData (subtype 4), and epoch
 * micro/milliseconds and days to and from dates. Each throws a plain Error with the reason;
 * the walkers add the field path and the error type.
 */
import { Binary, Decimal128 } from 'bson';

const MS_PER_DAY = 86_400_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Floor division for bigints (BigInt `/` truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

export function dateFromMicros(us: bigint): Date {
  return new Date(Number(floorDiv(us, 1000n)));
}

export function dateFromMillis(ms: bigint): Date {
  return new Date(Number(ms));
}

export function dateFromDays(days: number): Date {
  return new Date(days * MS_PER_DAY);
}

function msOf(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new Error('the date is invalid');
  return ms;
}

export function millisOf(d: Date): bigint {
  return BigInt(msOf(d));
}

export function microsOf(d: Date): bigint {
  return BigInt(msOf(d)) * 1000n;
}

export function daysOf(d: Date): number {
  return Math.floor(msOf(d) / MS_PER_DAY);
}

/** A uuid string as UUID binData (subtype 4). */
export function uuidFromString(s: string): Binary {
  if (!UUID_RE.test(s)) throw new Error(`'${s.length > 40 ? `${s.slice(0, 40)}...` : s}' is not a UUID`);
  return new Binary(Buffer.from(s.replace(/-/g, ''), 'hex'), Binary.SUBTYPE_UUID);
}

/** UUID binData (subtype 4, 16 bytes) or a UUID string, as the canonical lowercase string. */
export function uuidString(v: Binary | string): string {
  if (typeof v === 'string') {
    if (!UUID_RE.test(v)) throw new Error('the string is not a UUID');
    return v.toLowerCase();
  }
  const b = Buffer.from(v.buffer);
  if (v.sub_type !== Binary.SUBTYPE_UUID || b.length !== 16) throw new Error(`binData subtype ${v.sub_type} of ${b.length} bytes is not a UUID (subtype 4, 16 bytes)`);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Big-endian two's complement bytes as a signed integer. */
function fromTwosComplement(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  const n = BigInt(`0x${b.toString('hex')}`);
  return BigInt.asIntN(b.length * 8, n);
}

/** A signed integer as big-endian two's complement: minimal length, or exactly `size` bytes. */
function toTwosComplement(n: bigint, size?: number): Buffer {
  let len = 1;
  while (n < -(1n << BigInt(len * 8 - 1)) || n >= 1n << BigInt(len * 8 - 1)) len++;
  if (size !== undefined) {
    if (len > size) throw new Error(`the unscaled value needs ${len} bytes, more than the fixed size ${size}`);
    len = size;
  }
  const hex = BigInt.asUintN(len * 8, n).toString(16).padStart(len * 2, '0');
  return Buffer.from(hex, 'hex');
}

export function decimalFromBytes(b: Buffer, scale: number): Decimal128 {
  const unscaled = fromTwosComplement(b);
  return Decimal128.fromString(scale === 0 ? unscaled.toString() : `${unscaled}E-${scale}`);
}

/** A decimal string ("-12.5", "1.2E+3", "7") as coefficient and exponent. */
function parseDecimal(s: string): { coef: bigint; exp: number } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`${s} is not a finite decimal number`);
  const frac = m[3] ?? '';
  const coef = BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}${frac}` || '0');
  return { coef, exp: Number(m[4] ?? 0) - frac.length };
}

/**
 * A number as the unscaled bytes of decimal(precision, scale). Digits below the scale must be
 * zero (nothing is rounded away) and the digit count must fit the precision.
 */
export function decimalToBytes(text: string, precision: number | undefined, scale: number, size?: number): Buffer {
  const { coef, exp } = parseDecimal(text);
  const shift = exp + scale;
  let unscaled: bigint;
  if (shift >= 0) unscaled = coef * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    if (coef % div !== 0n) throw new Error(`${text} has more fraction digits than the schema's scale ${scale}`);
    unscaled = coef / div;
  }
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
  if (precision !== undefined && digits > precision) throw new Error(`${text} has ${digits} digits at scale ${scale}, more than the schema's precision ${precision}`);
  return toTwosComplement(unscaled, size);
}
