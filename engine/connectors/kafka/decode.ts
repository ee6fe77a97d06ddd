/** Kafka record decoding for `$source` (asp-spec §2.1): value as (Extended) JSON, key by keyFormat. */
import { Binary, Long } from 'bson';
import type { Doc, Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import { fromEJSON } from '../../json/ejson';
import type { KeyFormat } from '../../io/enums';

export { KEY_FORMATS, type KeyFormat } from '../../io/enums';

/**
 * Parse a message value. Empty means `{}`; a Confluent wire-format prefix (magic byte 0 plus
 * a 4-byte schema id) is skipped. Returns the document or the parser's error text.
 */
export function decodeValue(buf: Buffer | null): { doc: Doc } | { error: string } {
  if (buf === null || buf.length === 0) return { doc: {} };
  const body = buf[0] === 0 && buf.length >= 5 ? buf.subarray(5) : buf;
  let parsed: Value;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (!isPlainObject(parsed)) return { error: 'the message is not a JSON object' };
  try {
    return { doc: fromEJSON(parsed) as Doc };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Decode a key; undefined when it does not fit the format. */
export function decodeKey(buf: Buffer, fmt: KeyFormat): Value | undefined {
  switch (fmt) {
    case 'binData':
      return new Binary(buf);
    case 'string':
      return buf.toString('utf8');
    case 'json': {
      try {
        return fromEJSON(JSON.parse(buf.toString('utf8')));
      } catch {
        return undefined;
      }
    }
    case 'int':
      return buf.length === 4 ? buf.readInt32BE(0) : undefined;
    case 'long':
      return buf.length === 8 ? Long.fromBigInt(buf.readBigInt64BE(0)) : undefined;
    case 'double':
      return buf.length === 8 ? buf.readDoubleBE(0) : undefined;
  }
}

/** Headers as `_stream_meta.source.headers`: `[{k, v: binData}]` in arrival order. */
export function decodeHeaders(h: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Doc[] {
  const out: Doc[] = [];
  if (!h) return out;
  for (const k in h) {
    const raw = h[k];
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      if (v === undefined) continue;
      out.push({ k, v: new Binary(typeof v === 'string' ? Buffer.from(v) : v) });
    }
  }
  return out;
}
