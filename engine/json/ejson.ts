/** Extended JSON in and out: `.asp.json` files and `asp run` output are Extended JSON. */
import { EJSON } from 'bson';
import type { Value } from '../core/types';

/**
 * Turn parsed JSON (plain objects from JSON.parse or a parse tree) into engine values:
 * `{$date}`, `{$oid}`, `{$numberDecimal}`, `{$numberLong}` ... become BSON values (canonical or
 * relaxed form). Int32 and Double collapse to JS numbers; Long stays Long so `$type` says "long".
 */
export function fromEJSON(v: Value): Value {
  if (!hasDollarKeys(v)) return v;
  return normalize(EJSON.deserialize(v as Record<string, unknown>, { relaxed: false }));
}

function hasDollarKeys(v: Value): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasDollarKeys);
  for (const k in v as Record<string, unknown>) {
    if (k.charCodeAt(0) === 36 /* $ */) return true;
    if (hasDollarKeys((v as Record<string, unknown>)[k])) return true;
  }
  return false;
}

function normalize(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(normalize);
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Int32' || bt === 'Double') return (v as { valueOf(): number }).valueOf();
  if (bt !== undefined || v instanceof Date) return v;
  const o = v as Record<string, Value>;
  for (const k of Object.keys(o)) o[k] = normalize(o[k]);
  return o;
}

/** Parse one line/message of (relaxed or canonical) Extended JSON text. Throws SyntaxError. */
export function parseEJSON(text: string): Value {
  return fromEJSON(JSON.parse(text));
}

/** One line of relaxed Extended JSON, as `asp run` prints documents. */
export function toRelaxedJSON(v: Value): string {
  return EJSON.stringify(v as Record<string, unknown>, { relaxed: true });
}

/** Canonical Extended JSON (type-preserving), for checkpoints and state files. */
export function toCanonicalJSON(v: Value): string {
  return EJSON.stringify(v as Record<string, unknown>, { relaxed: false });
}

/** Inverse of toCanonicalJSON. */
export function fromCanonicalJSON(text: string): Value {
  return normalize(EJSON.parse(text, { relaxed: false }));
}
