/**
 * Exact decimal arithmetic over Decimal128 values (bson has none): a value is a signed BigInt
 * coefficient and a base-10 exponent. Results round to 34 digits through Decimal128 itself.
 */
import { Decimal128, Long } from 'bson';
import type { Value } from '../../core/types';
import { toNumber } from '../../bson/types';
import { isInt32 } from '../../bson/numbers';

export interface Dec {
  c: bigint;
  e: number;
}

const DEC_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parse a decimal string; null for NaN, Infinity and anything unparseable. */
export function parseDec(s: string): Dec | null {
  const m = DEC_RE.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const frac = m[3] ?? '';
  const digits = (m[2] ?? '') + frac;
  const c = BigInt(digits === '' ? '0' : digits);
  return { c: m[1] === '-' ? -c : c, e: Number(m[4] ?? '0') - frac.length };
}

/**
 * Any numeric value as a Dec (Value::coerceToDecimal). Doubles, integral ones too, carry 15
 * significant digits, as MongoDB's Decimal128(double, kRoundTo15Digits) does (2.0 is
 * 2.00000000000000); null for NaN and infinities.
 */
export function toDec(v: Value): Dec | null {
  if (typeof v === 'number') {
    if (isInt32(v)) return { c: BigInt(v), e: 0 };
    if (!Number.isFinite(v)) return null;
    return parseDec(v.toPrecision(15));
  }
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Decimal128') return parseDec((v as Decimal128).toString());
  if (bt === 'Long') return { c: (v as Long).toBigInt(), e: 0 };
  if (typeof v === 'bigint') return { c: v, e: 0 };
  return toDec(toNumber(v));
}

export function decToString(d: Dec): string {
  return `${d.c}E${d.e}`;
}

/** A Dec as Decimal128, rounding to 34 digits; out-of-range exponents fall back to a double. */
export function fromDec(d: Dec): Decimal128 {
  try {
    return Decimal128.fromStringWithRounding(decToString(d));
  } catch {
    return Decimal128.fromString(String(Number(decToString(d))));
  }
}

/** A double result (e.g. NaN, or a transcendental function) as Decimal128. */
export function decFromNumber(n: number): Decimal128 {
  if (Number.isNaN(n)) return Decimal128.fromString('NaN');
  if (!Number.isFinite(n)) return Decimal128.fromString(n > 0 ? 'Infinity' : '-Infinity');
  return fromDec(toDec(n)!);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export function decAdd(a: Dec, b: Dec): Dec {
  if (a.e === b.e) return { c: a.c + b.c, e: a.e };
  if (a.e > b.e) return { c: a.c * pow10(a.e - b.e) + b.c, e: b.e };
  return { c: a.c + b.c * pow10(b.e - a.e), e: a.e };
}

export function decNeg(a: Dec): Dec {
  return { c: -a.c, e: a.e };
}

export function decMul(a: Dec, b: Dec): Dec {
  return { c: a.c * b.c, e: a.e + b.e };
}

function digitCount(c: bigint): number {
  return (c < 0n ? -c : c).toString().length;
}

/** Division to 34 significant digits, keeping the ideal exponent when the quotient is exact. */
export function decDiv(a: Dec, b: Dec): Dec {
  const scale = Math.max(0, 35 + digitCount(b.c) - digitCount(a.c));
  const num = a.c * pow10(scale);
  let q = num / b.c;
  const exact = num % b.c === 0n;
  let e = a.e - b.e - scale;
  if (exact) {
    const ideal = a.e - b.e;
    while (e < ideal && q % 10n === 0n && q !== 0n) {
      q /= 10n;
      e++;
    }
    if (q === 0n) e = ideal;
  }
  return { c: q, e };
}

export type RoundMode = 'halfEven' | 'down' | 'ceil' | 'floor';

/** IEEE quantize: the value with exponent `e`, rounded with `mode`. */
export function quantize(d: Dec, e: number, mode: RoundMode): Dec {
  if (d.e >= e) return { c: d.c * pow10(d.e - e), e };
  const div = pow10(e - d.e);
  let q = d.c / div;
  const r = d.c % div;
  if (r !== 0n) {
    switch (mode) {
      case 'halfEven': {
        const twice = (r < 0n ? -r : r) * 2n;
        if (twice > div || (twice === div && q % 2n !== 0n)) q += r < 0n ? -1n : 1n;
        break;
      }
      case 'ceil':
        if (r > 0n) q += 1n;
        break;
      case 'floor':
        if (r < 0n) q -= 1n;
        break;
      case 'down':
        break;
    }
  }
  return { c: q, e };
}

export function decToNumber(d: Dec): number {
  return Number(decToString(d));
}

export function decIsZero(d: Dec): boolean {
  return d.c === 0n;
}
