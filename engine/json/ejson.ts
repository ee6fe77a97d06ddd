/** Extended JSON in and out: `.asp.json` files, Kafka messages and `asp run` output. */
import { Binary, BSONRegExp, Decimal128, EJSON, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import type { Value } from '../core/types';

/**
 * Turn parsed JSON (plain objects from JSON.parse or a parse tree) into engine values:
 * `{$date}`, `{$oid}`, `{$numberDecimal}`, `{$numberLong}` ... become BSON values (canonical or
 * relaxed form). Int32 and Double collapse to JS numbers; Long stays Long so `$type` says "long".
 * Converts in place; the common types avoid bson's generic (slower) EJSON walk.
 */
export function fromEJSON(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = fromEJSON(v[i]);
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
    if (x !== null && typeof x === 'object') o[k] = fromEJSON(x);
  }
  return o;
}

const NOT_EJSON = Symbol('not EJSON');

function wrapper(o: Record<string, Value>, k: string): Value {
  const x = o[k];
  switch (k) {
    case '$date':
      if (typeof x === 'string') return new Date(x);
      if (typeof x === 'number') return new Date(x);
      if (x !== null && typeof x === 'object' && typeof (x as Record<string, Value>)['$numberLong'] === 'string') return new Date(Number((x as Record<string, string>)['$numberLong']));
      return NOT_EJSON;
    case '$oid':
      return typeof x === 'string' && /^[0-9a-fA-F]{24}$/.test(x) ? new ObjectId(x) : NOT_EJSON;
    case '$numberInt':
    case '$numberDouble':
      return typeof x === 'string' ? Number(x === '-0.0' ? '-0' : x) : NOT_EJSON;
    case '$numberLong':
      return typeof x === 'string' ? Long.fromString(x) : NOT_EJSON;
    case '$numberDecimal':
      return typeof x === 'string' ? Decimal128.fromString(x) : NOT_EJSON;
    case '$minKey':
      return new MinKey();
    case '$maxKey':
      return new MaxKey();
    case '$binary':
    case '$timestamp':
    case '$regularExpression':
    case '$uuid':
    case '$symbol':
    case '$code':
    case '$dbPointer':
    case '$undefined':
      return normalize(EJSON.deserialize(o, { relaxed: false }));
    default:
      return NOT_EJSON;
  }
}

function normalize(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Int32' || bt === 'Double') return (v as { valueOf(): number }).valueOf();
  return v;
}

/** Parse one line/message of (relaxed or canonical) Extended JSON text. Throws SyntaxError. */
export function parseEJSON(text: string): Value {
  return fromEJSON(JSON.parse(text));
}

/** One line of relaxed Extended JSON, as `asp run` prints documents. */
export function toRelaxedJSON(v: Value): string {
  return relaxed(v) ?? 'null';
}

/** relaxed() returns undefined for "missing" so object members can be skipped. */
function relaxed(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (Number.isFinite(v)) return Object.is(v, -0) ? '{"$numberDouble":"-0.0"}' : String(v);
      return `{"$numberDouble":"${Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'}"}`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'bigint':
      return String(v);
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (relaxed(v[i]) ?? 'null');
    return s + ']';
  }
  if (v instanceof Date) {
    const t = v.getTime();
    // Relaxed form: an ISO string for years 1970-9999, else the canonical number.
    if (t >= 0 && t <= 253402300799999) return `{"$date":"${v.toISOString().replace('.000Z', 'Z')}"}`;
    return `{"$date":{"$numberLong":"${t}"}}`;
  }
  if ((v as { _bsontype?: string })._bsontype !== undefined) {
    return EJSON.stringify(v as Record<string, unknown>, { relaxed: true });
  }
  let s = '{';
  let first = true;
  const o = v as Record<string, Value>;
  for (const k in o) {
    const x = relaxed(o[k]);
    if (x === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + x;
    first = false;
  }
  return s + '}';
}

/** Canonical Extended JSON (type-preserving), for checkpoints and state files. */
export function toCanonicalJSON(v: Value): string {
  return EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
}

/** Inverse of toCanonicalJSON. */
export function fromCanonicalJSON(text: string): Value {
  return normalizeDeep(EJSON.parse(text, { relaxed: false }));
}

function normalizeDeep(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(normalizeDeep);
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Int32' || bt === 'Double') return (v as { valueOf(): number }).valueOf();
  if (bt !== undefined || v instanceof Date) return v;
  const o = v as Record<string, Value>;
  for (const k of Object.keys(o)) o[k] = normalizeDeep(o[k]);
  return o;
}

export { Binary, BSONRegExp, Timestamp };
