/**
 * A compact tagged binary encoding for checkpoint table data, written straight into a few
 * large buffers. It exists because a checkpoint is taken between two batches: building a
 * snapshot object tree and then BSON-serialising it cost ~200 ms per 100k window keys, while
 * streaming the same values here costs a fraction and allocates almost nothing. Plain numbers,
 * strings, booleans, dates, arrays and plain objects have their own tags; every other BSON
 * type (Long, Decimal128, ObjectId, ...) is embedded as a BSON document, so it stays exact.
 */
import { normalizeNumbers } from '../../bson/numbers';
import { deserialize, serialize } from 'bson';
import type { Value } from '../../core/types';
import { BSON_UNDEFINED } from '../../bson/undefined';
import type { SnapshotWriter } from '../../core/operator';

const T_NULL = 0;
const T_UNDEFINED = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_DOUBLE = 5;
const T_STRING = 6;
const T_ARRAY = 7;
const T_OBJECT = 8;
const T_DATE = 9;
const T_BSON = 10;
/** BSON undefined (engine/bson/undefined.ts), which the bson library cannot encode. */
const T_BSON_UNDEFINED = 11;

/** Bytes per output chunk; each chunk becomes one checkpoint section (well under 16 MB). */
export const CHUNK_BYTES = 1 << 20;

// Doubles are stored little-endian like BSON; a big-endian host would need a byte swap here.
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/** Distinct object keys given short ids per checkpoint (writer and reader follow the same rule). */
const MAX_KEYS = 4096;

const BSON_OPTS = { promoteValues: false, promoteBuffers: false, bsonRegExp: true } as const;

export class CodecError extends Error {}

/**
 * Streams values into chunks. `reserve` bytes at the start of every chunk are left for the
 * caller's framing (section length and kind).
 */
export class ValueWriter implements SnapshotWriter {
  readonly chunks: Buffer[] = [];
  private readonly keyIds = new Map<string, number>();
  private buf: Buffer;
  private pos: number;

  constructor(private readonly reserve: number, firstChunkBytes = 64 * 1024, private readonly chunkBytes = CHUNK_BYTES) {
    this.buf = Buffer.allocUnsafe(Math.max(firstChunkBytes, reserve + 16));
    this.pos = reserve;
  }

  /** Bytes written so far, framing included. */
  get bytes(): number {
    let n = this.pos;
    for (const c of this.chunks) n += c.length;
    return n;
  }

  /** Close the current chunk; returns all chunks (each starting with `reserve` free bytes). */
  finish(): Buffer[] {
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return this.chunks;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkBytes, n + this.reserve));
    this.pos = this.reserve;
  }

  private varint(n: number): void {
    const b = this.buf;
    while (n >= 0x80) {
      b[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    b[this.pos++] = n;
  }

  array(length: number): void {
    this.ensure(6);
    this.buf[this.pos++] = T_ARRAY;
    this.varint(length);
  }

  object(fieldCount: number): void {
    this.ensure(6);
    this.buf[this.pos++] = T_OBJECT;
    this.varint(fieldCount);
  }

  /**
   * Object keys repeat for every entry of a table, so the first MAX_KEYS distinct ones get ids:
   * varint(id * 2 + 1) for a known key, varint(0) and the string for a new one.
   */
  key(name: string): void {
    const id = this.keyIds.get(name);
    this.ensure(6);
    if (id !== undefined) {
      this.varint(id * 2 + 1);
      return;
    }
    this.buf[this.pos++] = 0;
    if (this.keyIds.size < MAX_KEYS) this.keyIds.set(name, this.keyIds.size);
    this.rawString(name);
  }

  /** A string without tag: varint byte length, then UTF-8. ASCII is copied by hand (faster for short keys). */
  private rawString(s: string): void {
    const len = s.length;
    this.ensure(5 + len * 3);
    const b = this.buf;
    const start = this.pos;
    if (len < 128) {
      let p = start + 1;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === len) {
        b[start] = len;
        this.pos = p;
        return;
      }
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n);
    this.pos += b.write(s, this.pos, 'utf8');
  }

  private number(v: number): void {
    this.ensure(9);
    const b = this.buf;
    const p = this.pos;
    // Byte stores by hand: several times cheaper than Buffer#writeInt32LE/writeDoubleLE here.
    if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
      b[p] = T_INT;
      b[p + 1] = v;
      b[p + 2] = v >> 8;
      b[p + 3] = v >> 16;
      b[p + 4] = v >> 24;
      this.pos = p + 5;
      return;
    }
    this.f64(T_DOUBLE, v);
  }

  private f64(tag: number, v: number): void {
    const b = this.buf;
    const p = this.pos;
    b[p] = tag;
    F64[0] = v;
    for (let i = 0; i < 8; i++) b[p + 1 + i] = F64_BYTES[i]!;
    this.pos = p + 9;
  }

  value(v: Value): void {
    switch (typeof v) {
      case 'number':
        this.number(v);
        return;
      case 'string':
        this.ensure(1);
        this.buf[this.pos++] = T_STRING;
        this.rawString(v);
        return;
      case 'boolean':
        this.ensure(1);
        this.buf[this.pos++] = v ? T_TRUE : T_FALSE;
        return;
      case 'undefined':
        this.ensure(1);
        this.buf[this.pos++] = T_UNDEFINED;
        return;
      case 'object':
        this.objectValue(v);
        return;
      default:
        throw new CodecError(`cannot checkpoint a value of type ${typeof v}`);
    }
  }

  private objectValue(v: object | null): void {
    if (v === null) {
      this.ensure(1);
      this.buf[this.pos++] = T_NULL;
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      // for-in twice (count, then write) allocates nothing, unlike Object.keys.
      const o = v as Record<string, Value>;
      let n = 0;
      for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
      this.object(n);
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        this.key(k);
        this.value(o[k]);
      }
      return;
    }
    if (Array.isArray(v)) {
      this.array(v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i]);
      return;
    }
    if (v instanceof Date) {
      this.ensure(9);
      this.f64(T_DATE, v.getTime());
      return;
    }
    if (v === BSON_UNDEFINED) {
      this.ensure(1);
      this.buf[this.pos++] = T_BSON_UNDEFINED;
      return;
    }
    // Long, Decimal128, ObjectId, Binary, Timestamp, RegExp...: BSON keeps them exact.
    const bytes = serialize({ v });
    this.ensure(1 + bytes.length);
    this.buf[this.pos++] = T_BSON;
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
}

/** Reads one value written by ValueWriter from `buf` starting at `pos`. */
export class ValueReader {
  private readonly keys: string[] = [];

  constructor(private readonly buf: Buffer, public pos = 0) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new CodecError('truncated table data');
  }

  private varint(): number {
    let n = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
      if (shift > 35) throw new CodecError('bad length in table data');
    }
  }

  key(): string {
    const v = this.varint();
    if (v !== 0) {
      const k = this.keys[(v - 1) / 2];
      if (k === undefined) throw new CodecError('unknown key id in table data');
      return k;
    }
    const k = this.string();
    if (this.keys.length < MAX_KEYS) this.keys.push(k);
    return k;
  }

  string(): string {
    const n = this.varint();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  value(): Value {
    this.need(1);
    const tag = this.buf[this.pos++];
    switch (tag) {
      case T_NULL:
        return null;
      case T_UNDEFINED:
        return undefined;
      case T_BSON_UNDEFINED:
        return BSON_UNDEFINED;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        this.need(4);
        const v = this.buf.readInt32LE(this.pos);
        this.pos += 4;
        return v;
      }
      case T_DOUBLE: {
        this.need(8);
        const v = this.buf.readDoubleLE(this.pos);
        this.pos += 8;
        return v;
      }
      case T_STRING:
        return this.string();
      case T_DATE: {
        this.need(8);
        const v = new Date(this.buf.readDoubleLE(this.pos));
        this.pos += 8;
        return v;
      }
      case T_ARRAY: {
        const n = this.varint();
        const a = new Array<Value>(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case T_OBJECT: {
        const n = this.varint();
        const o: Record<string, Value> = {};
        for (let i = 0; i < n; i++) {
          const k = this.key();
          o[k] = this.value();
        }
        return o;
      }
      case T_BSON: {
        this.need(4);
        const len = this.buf.readInt32LE(this.pos);
        this.need(len);
        const d = deserialize(this.buf.subarray(this.pos, this.pos + len), BSON_OPTS);
        this.pos += len;
        return normalizeNumbers(d['v']);
      }
      default:
        throw new CodecError(`unknown tag ${String(tag)} in table data`);
    }
  }
}
