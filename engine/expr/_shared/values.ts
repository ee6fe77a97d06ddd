/** Value semantics of aggregation expressions: truthiness, comparison with missing, string coercion. */
import type { Value } from '../../core/types';
import { compare } from '../../bson/compare';
import { isNumber, isPlainObject, toNumber, typeName } from '../../bson/types';
import { ExprError } from '../../core/errors';
import { BSON_UNDEFINED } from '../../bson/undefined';

/** MongoDB's Value::nullish(): null, missing and BSON undefined. */
export function isNullish(v: Value): v is null | undefined {
  return v === null || v === undefined || v === BSON_UNDEFINED;
}

/** MongoDB's coerceToBool: false, null, missing and numeric zero are false; all else true. */
export function truthy(v: Value): boolean {
  if (v === true) return true;
  if (v === false || v === null || v === undefined || v === BSON_UNDEFINED) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'object' && isNumber(v)) return toNumber(v) !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  return true;
}

/**
 * Expression comparison. Unlike `$sort`, aggregation expressions rank missing below null
 * (canonical type 0 vs 5), so `{$eq: ["$nope", null]}` is false. BSON undefined has the
 * canonical type of missing (0): it equals missing and ranks below null.
 */
export function cmpValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number' && a === a && b === b) return a < b ? -1 : a > b ? 1 : 0;
  if (a === BSON_UNDEFINED) a = undefined;
  if (b === BSON_UNDEFINED) b = undefined;
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    const other = a === undefined ? b : a;
    const missingFirst = typeName(other) === 'minKey' ? 1 : -1;
    return a === undefined ? missingFirst : -missingFirst;
  }
  const r = compare(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

export function eqValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  return cmpValues(a, b) === 0;
}

/** A short rendering of a value for error messages (MongoDB prints the value itself). */
export function repr(v: Value): string {
  if (v === undefined) return 'MISSING';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (isPlainObject(v)) return `{${Object.keys(v).map((k) => `${k}: ${repr(v[k])}`).join(', ')}}`;
  const s = (v as { toString(): string }).toString();
  return s;
}

/** ISO-8601 as MongoDB prints dates when coercing them to strings. */
function dateString(d: Date): string {
  return isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
}

/** MongoDB's coerceToString ($substr, $toLower, $strcasecmp): null, missing and undefined become "". */
export function coerceToString(v: Value): string {
  if (typeof v === 'string') return v;
  if (isNullish(v)) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return dateString(v);
  const t = typeName(v);
  switch (t) {
    case 'long':
    case 'decimal':
    case 'int':
    case 'double':
    case 'symbol':
    case 'javascript':
      return String(v);
    case 'timestamp': {
      const ts = v as { high: number; low: number };
      return `Timestamp(${ts.high >>> 0}, ${ts.low >>> 0})`;
    }
  }
  throw new ExprError(`can't convert from BSON type ${t} to String`);
}

/**
 * A double as MongoDB's str::stream prints it in error messages: C's `%g` (6 significant
 * digits, exponent form outside 1e-4..1e6), e.g. 2147483648 -> "2.14748e+09".
 * (src/mongo/bson/util/builder.h, StringBuilderImpl::operator<<(double))
 */
export function streamDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expText] = x.toExponential(5).split('e') as [string, string];
  const exp = Number(expText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${trim(mant)}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return trim(x.toFixed(5 - exp));
}
