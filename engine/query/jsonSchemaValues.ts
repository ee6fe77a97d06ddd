/** Value helpers for $jsonSchema: MongoDB's type names, unordered equality, string length. */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { equals } from '../bson/compare';

/** JSON Schema `type` names as MongoDB maps them to BSON types ("integer" is not supported). */
export const JSON_TYPES: Record<string, string[]> = {
  object: ['object'],
  array: ['array'],
  number: ['int', 'long', 'double', 'decimal'],
  boolean: ['bool'],
  string: ['string'],
  null: ['null'],
};

export function hasOwn(o: Record<string, Value>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
}

/** Equality for `enum` and `uniqueItems`: embedded documents compare without regard to field order. */
export function unorderedEquals(a: Value, b: Value): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!hasOwn(b, k) || !unorderedEquals(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!unorderedEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b) || isPlainObject(a) !== isPlainObject(b)) return false;
  return equals(a, b);
}

/** Length in Unicode code points, as MongoDB counts minLength/maxLength. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** A finite number as an integer mantissa and a power-of-ten scale (exact for its shortest decimal form). */
function scaled(x: number): [bigint, number] {
  const [mant, expPart] = x.toString().split('e');
  const exp = expPart ? Number(expPart) : 0;
  const [int, frac = ''] = mant!.split('.');
  const digits = BigInt((int ?? '') + frac);
  const scale = frac.length - exp;
  return scale >= 0 ? [digits, scale] : [digits * 10n ** BigInt(-scale), 0];
}

/** `multipleOf` in decimal terms, so 0.3 is a multiple of 0.1 as the server sees it. */
export function isMultipleOf(x: number, m: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (Number.isInteger(x) && Number.isInteger(m)) return x % m === 0;
  const [xi, xs] = scaled(x);
  const [mi, ms] = scaled(m);
  const s = Math.max(xs, ms);
  return (xi * 10n ** BigInt(s - xs)) % (mi * 10n ** BigInt(s - ms)) === 0n;
}
