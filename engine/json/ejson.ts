/** Extended JSON in and out: `.asp.json` files, Kafka messages and `asp run` output. */
import { Binary, BSONRegExp, Decimal128, Double, EJSON, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { double, isInt32, normalizeNumbers } from '../bson/numbers';
import type { Value } from '../core/types';
import { BSON_UNDEFINED } from '../bson/undefined';
import { dateFromText } from './isoDate';
import { doubleText, relaxedText } from './relaxed';

/**
 * Turn parsed JSON (plain objects from JSON.parse or a parse tree) into engine values:
 * `{$date}`, `{$oid}`, `{$numberDecimal}`, `{$numberLong}` ... become BSON values (canonical or
 * relaxed form) and numbers take the types of docs/architecture.md "Numbers". A plain JSON
 * integer is the smallest BSON integer that holds it (int32, else int64, else double), as the
 * Extended JSON spec's "Special rules for parsing JSON numbers" says; -0 is the int 0.
 * Converts in place; the common types avoid bson's generic (slower) EJSON walk.
 */
export function fromEJSON(v: Value): Value {
  if (v === null || typeof v !== 'object') return typeof v === 'number' && !isInt32(v) ? jsonNumber(v) : v;
  // Members are written back only when they change: most stay as JSON.parse made them.
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'number') {
        if (!isInt32(x) && Number.isInteger(x)) v[i] = jsonNumber(x);
      } else if (x !== null && typeof x === 'object') {
        const y = fromEJSON(x);
        if (y !== x) v[i] = y;
      }
    }
    return v;
  }
  const o = v as Record<string, Value>;
  let first = true;
  for (const k in o) {
    // Only a first key can make an EJSON wrapper ({"$date": ...}); stage names fall through.
    if (first && k.charCodeAt(0) === 36 /* $ */) {
      const w = wrapper(o, k);
      if (w !== NOT_EJSON) return w;
    }
    first = false;
    const x = o[k];
    if (typeof x === 'number') {
      // Non-integral doubles stay as they are (jsonNumber returns them unchanged).
      if (!isInt32(x) && Number.isInteger(x)) o[k] = jsonNumber(x);
    } else if (x !== null && typeof x === 'object') {
      const y = fromEJSON(x);
      if (y !== x) o[k] = y;
    }
  }
  return o;
}

const TWO_63 = 9223372036854775808;
const TWO_53 = 9007199254740992;

/** Set by jsonNumber when JSON.parse may have rounded an integer (past 2^53): parse again exactly. */
let inexact = false;

/** A JSON number that is not an int32: -0 is 0, other integers within int64 are Long. */
function jsonNumber(x: number): Value {
  if (x === 0) return 0;
  if (!Number.isInteger(x) || x > TWO_63 || x < -TWO_63) return x;
  if (x >= TWO_53 || x <= -TWO_53) inexact = true;
  return x === TWO_63 ? x : Long.fromNumber(x);
}

const NOT_EJSON = Symbol('not EJSON');

function wrapper(o: Record<string, Value>, k: string): Value {
  const x = o[k];
  switch (k) {
    case '$date':
      if (typeof x === 'string') return dateFromText(x);
      if (typeof x === 'number') return new Date(x);
      if (x !== null && typeof x === 'object') {
        const inner = (x as Record<string, Value>)['$numberLong'] ?? (x as Record<string, Value>)['$numberDouble'];
        if (typeof inner === 'string') return new Date(Number(inner));
      }
      return NOT_EJSON;
    case '$oid':
      return typeof x === 'string' && /^[0-9a-fA-F]{24}$/.test(x) ? new ObjectId(x) : NOT_EJSON;
    case '$numberInt': {
      const n = typeof x === 'string' ? Number(x) : NaN;
      return Number.isInteger(n) ? n | 0 : NOT_EJSON;
    }
    case '$numberDouble':
      return typeof x === 'string' ? double(Number(x)) : NOT_EJSON;
    case '$numberLong':
      return typeof x === 'string' ? Long.fromString(x) : NOT_EJSON;
    case '$numberDecimal':
      return typeof x === 'string' ? Decimal128.fromString(x) : NOT_EJSON;
    case '$minKey':
      return new MinKey();
    case '$maxKey':
      return new MaxKey();
    case '$undefined':
      // Canonical and relaxed alike (bson's parser would give null).
      return x === true ? BSON_UNDEFINED : NOT_EJSON;
    case '$binary':
    case '$timestamp':
    case '$regularExpression':
    case '$uuid':
    case '$symbol':
    case '$code':
    case '$dbPointer':
      try {
        return normalizeNumbers(EJSON.deserialize(o, { relaxed: false }));
      } catch {
        // A malformed wrapper ({"$uuid": "no"}) stays a plain object: the stage or expression
        // compiler then reports it where it is used, instead of the parse throwing.
        return NOT_EJSON;
      }
    default:
      return NOT_EJSON;
  }
}

/**
 * Numbers JSON.parse cannot type by value: an integral value written with a zero fraction
 * ("24.0") or an exponent ("1e3"). QUICK is one cheap scan (it starts on '.', 'e' or 'E') that
 * misses none of them; PRECISE then rules out look-alikes (ISO timestamps, "value1") and only a
 * match costs the exact path. Integers past 2^53 are caught by value (jsonNumber).
 */
const QUICK = /\.0+(?:[\s,\]}]|$)|[eE][-+]?\d/;
const PRECISE = /(?:^|[:,[])\s*-?\d+(?:\.0+\s*(?:[,\]}]|$)|(?:\.\d*)?[eE])/;

/** Parse one line/message of (relaxed or canonical) Extended JSON text. Throws SyntaxError. */
export function parseEJSON(text: string): Value {
  inexact = false;
  const exact = QUICK.test(text) && PRECISE.test(text);
  const v = fromEJSON(JSON.parse(exact ? exactNumbers(text) : text));
  return inexact && !exact ? fromEJSON(JSON.parse(exactNumbers(text))) : v;
}

/**
 * Rewrite the number tokens JSON.parse would mistype as Extended JSON wrappers: an integral
 * value with a fraction or exponent becomes {"$numberDouble"}, a 16+ digit integer within
 * int64 {"$numberLong"}. Strings are skipped; anything malformed is left for JSON.parse to
 * report.
 */
function exactNumbers(text: string): string {
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      continue;
    }
    if (c !== 45 /* - */ && (c < 48 || c > 57)) continue;
    let j = i + 1;
    let frac = false;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 46 /* . */ || d === 101 /* e */ || d === 69 /* E */) frac = true;
      else if (!((d >= 48 && d <= 57) || d === 43 /* + */ || d === 45)) break;
    }
    const rep = numberToken(text.slice(i, j), frac);
    if (rep !== undefined) {
      out += text.slice(last, i) + rep;
      last = j;
    }
    i = j - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The wrapper for one number token, or undefined when JSON.parse types it right. */
export function numberToken(tok: string, frac: boolean): string | undefined {
  if (frac) return Number.isInteger(Number(tok)) ? `{"$numberDouble":"${tok}"}` : undefined;
  if (tok.length < 16 || !/^-?\d+$/.test(tok)) return undefined;
  const b = BigInt(tok);
  return b >= INT64_MIN && b <= INT64_MAX ? `{"$numberLong":"${tok}"}` : undefined;
}

/** One line of relaxed Extended JSON, as `asp run` prints documents (engine/json/relaxed.ts). */
export function toRelaxedJSON(v: Value): string {
  return relaxedText(v) ?? 'null';
}

/** Canonical Extended JSON (type-preserving), for checkpoints and state files. */
export function toCanonicalJSON(v: Value): string {
  return canonicalText(v) ?? 'null';
}

export { doubleText };

/** Canonical numbers are all wrappers. */
function numberText(kind: 'int' | 'long' | 'double', digits: string): string {
  return `{"${kind === 'int' ? '$numberInt' : kind === 'long' ? '$numberLong' : '$numberDouble'}":"${digits}"}`;
}

/** Undefined for "missing" so object members can be skipped. */
function canonicalText(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return isInt32(v) ? numberText('int', String(v)) : numberText('double', doubleText(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'bigint':
      return numberText('long', String(v));
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (canonicalText(v[i]) ?? 'null');
    return s + ']';
  }
  if (v instanceof Date) return `{"$date":{"$numberLong":"${v.getTime()}"}}`;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt !== undefined) {
    if (bt === 'Double') return numberText('double', doubleText((v as Double).value));
    if (bt === 'Long') return numberText('long', (v as Long).toString());
    if (bt === 'Int32') return numberText('int', String((v as Int32).value));
    if (bt === 'Undefined') return '{"$undefined":true}';
    return EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
  }
  let s = '{';
  let first = true;
  const o = v as Record<string, Value>;
  for (const k in o) {
    const x = canonicalText(o[k]);
    if (x === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + x;
    first = false;
  }
  return s + '}';
}

/** Inverse of toCanonicalJSON. */
export function fromCanonicalJSON(text: string): Value {
  // bson's parser reads {"$undefined": true} as null; fromEJSON keeps it.
  if (text.includes('"$undefined"')) return fromEJSON(JSON.parse(text));
  return normalizeNumbers(EJSON.parse(text, { relaxed: false }));
}

export { Binary, BSONRegExp, Timestamp };
