/**
 * The relaxed Extended JSON printer (`asp run` output, Kafka and HTTP bodies): one pass over
 * the value, with the per-document costs of a generic printer taken out. Member names are
 * quoted once (with their separator) and remembered, strings without characters to escape are
 * quoted by concatenation, dates use isoDate.ts. Prints exactly what the generic printer it
 * replaced printed (test/engine/json/relaxed.test.ts keeps that printer and compares).
 */
import { EJSON, type Double, type Int32, type Long } from 'bson';
import type { Value } from '../core/types';
import { isoUtcText } from './isoDate';

/** A double as Extended JSON writes it: see ejson.ts doubleText. */
export function doubleText(d: number): string {
  if (d === 0) return 1 / d < 0 ? '-0.0' : '0.0';
  if (!Number.isFinite(d)) return d !== d ? 'NaN' : d > 0 ? 'Infinity' : '-Infinity';
  const s = String(d);
  return Number.isInteger(d) && s.indexOf('e') < 0 ? s + '.0' : s;
}

/** Characters JSON.stringify escapes in a string: quote, backslash, controls, lone surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/**
 * `,"name":` per member name (names are few and repeat on every document); the first member
 * of an object uses it with '{' for ','.
 */
const names = new Map<string, string>();
const firstNames = new Map<string, string>();
const NAMES_CAP = 8192;

function restName(k: string): string {
  let q = names.get(k);
  if (q === undefined) {
    q = ',' + quote(k) + ':';
    if (names.size < NAMES_CAP) names.set(k, q);
  }
  return q;
}

function firstName(k: string): string {
  let q = firstNames.get(k);
  if (q === undefined) {
    q = '{' + quote(k) + ':';
    if (firstNames.size < NAMES_CAP) firstNames.set(k, q);
  }
  return q;
}

/** Relaxed Extended JSON of `v`; undefined for "missing" (skipped as a member, null in arrays). */
export function relaxedText(v: Value): string | undefined {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return (v | 0) === v && (v !== 0 || 1 / v > 0) ? '' + v : Number.isFinite(v) ? doubleText(v) : `{"$numberDouble":"${doubleText(v)}"}`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(v);
    case 'object':
      return v === null ? 'null' : objectText(v);
    default:
      return undefined;
  }
}

function objectText(v: object): string {
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (relaxedText(v[i] as Value) ?? 'null');
    return s + ']';
  }
  if (v instanceof Date) {
    const t = v.getTime();
    // An ISO string for years 1970-9999, else the canonical number.
    if (t >= 0 && t <= 253402300799999) return '{"$date":"' + isoUtcText(t) + '"}';
    return `{"$date":{"$numberLong":"${t}"}}`;
  }
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt !== undefined) {
    if (bt === 'Double') return doubleText((v as Double).value);
    if (bt === 'Long') return (v as Long).toString();
    if (bt === 'Int32') return String((v as Int32).value);
    if (bt === 'Undefined') return '{"$undefined":true}';
    return EJSON.stringify(v as Record<string, unknown>, { relaxed: true });
  }
  let s = '';
  const o = v as Record<string, Value>;
  for (const k in o) {
    const x = relaxedText(o[k]);
    if (x === undefined) continue;
    s = s.length === 0 ? firstName(k) + x : s + restName(k) + x;
  }
  return s.length === 0 ? '{}' : s + '}';
}
