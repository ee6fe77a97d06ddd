/** Kafka record encoding for `$emit` (asp-spec §3.10): value formats, dates, keys and headers. */
import { Binary, Long } from 'bson';
import type { Doc, Value } from '../../core/types';
import { isPlainObject, typeName, toNumber } from '../../bson/types';
import { ExprError } from '../../core/errors';
import { toCanonicalJSON, toRelaxedJSON } from '../../json/ejson';
import type { KeyFormat, OutputFormat } from '../../io/enums';

export type { OutputFormat };

/** Dates as `YYYY-MM-DDTHH:mm:ss.sssZ` strings everywhere in the value (dateFormat: ISO8601). */
function isoDates(v: Value): Value {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? v : v.toISOString();
  if (Array.isArray(v)) return v.map(isoDates);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const k in v) o[k] = isoDates(v[k]);
    return o;
  }
  return v;
}

/** basicJson: plain JSON with MongoDB types flattened to strings and numbers. */
function basic(v: Value): Value {
  if (v === null || v === undefined) return v ?? null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'object') return v;
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return v.map(basic);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const k in v) o[k] = basic(v[k]);
    return o;
  }
  switch (typeName(v)) {
    case 'binData': {
      const b = v as Binary;
      return b.sub_type === 4 ? b.toUUID().toString() : Buffer.from(b.buffer).toString('base64');
    }
    case 'long':
    case 'int':
    case 'double': {
      const n = toNumber(v);
      return Number.isFinite(n) ? n : String(n);
    }
    case 'decimal':
      return (v as { toString(): string }).toString();
    case 'timestamp': {
      const t = v as unknown as { t: number; i: number };
      return t.t * 1000;
    }
    case 'objectId':
      return (v as { toHexString(): string }).toHexString();
    case 'regex': {
      const r = v as { pattern: string; options: string };
      return { pattern: r.pattern, options: r.options };
    }
    default:
      return String(v);
  }
}

/** Serialise a document as the Kafka message value. Throws ExprError if it cannot be. */
export function encodeValue(doc: Doc, format: OutputFormat, isoDateFormat: boolean): Buffer {
  const v = isoDateFormat ? (isoDates(doc) as Doc) : doc;
  try {
    if (format === 'basicJson') return Buffer.from(JSON.stringify(basic(v)));
    // The engine's own printers (engine/json/relaxed.ts is the one-pass relaxed printer).
    return Buffer.from(format === 'relaxedJson' ? toRelaxedJSON(v) : toCanonicalJSON(v));
  } catch (e) {
    throw new ExprError(`Failed to serialize document: ${(e as Error).message}`);
  }
}

/** A key value in `keyFormat`; throws ExprError when the value does not fit (-> DLQ). */
export function encodeKey(v: Value, fmt: KeyFormat): Buffer {
  const bad = (): never => {
    throw new ExprError(`Failed to serialize the Kafka key of type ${typeName(v)} as '${fmt}'`);
  };
  switch (fmt) {
    case 'binData':
      if (typeName(v) === 'binData') return Buffer.from((v as Binary).buffer);
      return bad();
    case 'string':
      return typeof v === 'string' ? Buffer.from(v) : bad();
    case 'json':
      return v === undefined ? bad() : Buffer.from(toRelaxedJSON(v));
    case 'int': {
      const t = typeName(v);
      if (t !== 'int' && !(t === 'long' && Number.isSafeInteger(toNumber(v)) && Math.abs(toNumber(v)) < 2 ** 31)) return bad();
      const b = Buffer.alloc(4);
      b.writeInt32BE(toNumber(v));
      return b;
    }
    case 'long': {
      const t = typeName(v);
      if (t !== 'int' && t !== 'long') return bad();
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(v instanceof Long ? v.toBigInt() : BigInt(toNumber(v)));
      return b;
    }
    case 'double': {
      const t = typeName(v);
      if (t !== 'int' && t !== 'long' && t !== 'double') return bad();
      const b = Buffer.alloc(8);
      b.writeDoubleBE(toNumber(v));
      return b;
    }
  }
}

function headerValue(v: Value): Buffer {
  if (v === null || v === undefined) return Buffer.alloc(0);
  if (typeof v === 'string') return Buffer.from(v);
  const t = typeName(v);
  if (t === 'binData') return Buffer.from((v as Binary).buffer);
  if (t === 'object') return Buffer.from(toRelaxedJSON(v));
  if (t === 'int') return encodeKey(v, 'int');
  if (t === 'long') return encodeKey(v, 'long');
  if (t === 'double') return encodeKey(v, 'double');
  throw new ExprError(`Kafka header values must be binData, string, object, int, long, double or null, found ${t}`);
}

/** Headers from an object (name -> value) or an array of `{k, v}`. */
export function encodeHeaders(v: Value): Record<string, Buffer | Buffer[]> {
  const out: Record<string, Buffer | Buffer[]> = {};
  const add = (k: string, b: Buffer): void => {
    const cur = out[k];
    if (cur === undefined) out[k] = b;
    else out[k] = Array.isArray(cur) ? [...cur, b] : [cur, b];
  };
  if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) add(k, headerValue(x));
    return out;
  }
  if (Array.isArray(v)) {
    for (const h of v) {
      if (!isPlainObject(h) || typeof h['k'] !== 'string') throw new ExprError('Kafka headers given as an array must hold {k: <string>, v: <value>} documents');
      add(h['k'], headerValue(h['v']));
    }
    return out;
  }
  throw new ExprError(`Kafka headers must evaluate to an object or an array, found ${typeName(v)}`);
}
