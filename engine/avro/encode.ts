/**
 * Encoding AvroValues (types.ts) to Avro binary with a schema. Each type gets a writer closure
 * built once and cached per type object (a recursive type reuses its own); writing walks the
 * closures, never generated code. A value that does not fit its type throws
 * AvroValueError naming the field path. Arrays and maps are written as one block with a
 * positive count followed by the end marker, as the reference implementations write them.
 */
import { AvroValueError, joinPath } from './errors';
import { ByteWriter } from './writer';
import { branchName, type AvroType, type AvroValue, type RecordType } from './types';

type Write = (w: ByteWriter, v: AvroValue, path: string) => void;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (Buffer.isBuffer(v)) return `${v.length} bytes`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v) : String(v)}`;
}

function wrong(path: string, what: string, v: unknown): never {
  throw new AvroValueError(path, `expected ${what}, found ${describe(v)}`);
}

function isObject(v: unknown): v is Record<string, AvroValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

class Writers {
  private readonly cache = new Map<AvroType, Write>();

  of(t: AvroType): Write {
    const hit = this.cache.get(t);
    if (hit) return hit;
    if (t.kind === 'record') {
      const cell: { write?: Write } = {};
      this.cache.set(t, (w, v, p) => cell.write!(w, v, p));
      cell.write = this.record(t);
      this.cache.set(t, cell.write);
      return cell.write;
    }
    const write = this.build(t);
    this.cache.set(t, write);
    return write;
  }

  private record(t: RecordType): Write {
    const fields = t.fields.map((f) => ({ name: f.name, write: this.of(f.type), dflt: f.default }));
    return (w, v, path) => {
      if (!isObject(v)) return wrong(path, `an object (record ${t.name})`, v);
      for (const f of fields) {
        let x = Object.prototype.hasOwnProperty.call(v, f.name) ? v[f.name] : undefined;
        if (x === undefined) {
          if (!f.dflt) throw new AvroValueError(joinPath(path, f.name), 'is missing, and the schema gives it no default');
          x = f.dflt.value;
        }
        f.write(w, x, joinPath(path, f.name));
      }
    };
  }

  private build(t: AvroType): Write {
    switch (t.kind) {
      case 'null':
        return (_w, v, p) => {
          if (v !== null) wrong(p, 'null', v);
        };
      case 'boolean':
        return (w, v, p) => (typeof v === 'boolean' ? w.writeBoolean(v) : wrong(p, 'a boolean', v));
      case 'int':
        return (w, v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? w.writeInt(v) : wrong(p, 'an int (32-bit integer)', v));
      case 'long':
        return (w, v, p) => {
          if (typeof v === 'bigint' && v >= LONG_MIN && v <= LONG_MAX) w.writeLong(v);
          else if (typeof v === 'number' && Number.isSafeInteger(v)) w.writeLongNumber(v);
          else wrong(p, 'a long (64-bit integer)', v);
        };
      case 'float':
        return (w, v, p) => (typeof v === 'number' ? w.writeFloat(v) : wrong(p, 'a float', v));
      case 'double':
        return (w, v, p) => (typeof v === 'number' ? w.writeDouble(v) : wrong(p, 'a double', v));
      case 'bytes':
        return (w, v, p) => (Buffer.isBuffer(v) ? w.writeBytes(v) : wrong(p, 'bytes (a Buffer)', v));
      case 'string':
        return (w, v, p) => (typeof v === 'string' ? w.writeString(v) : wrong(p, 'a string', v));
      case 'fixed': {
        const { size, name } = t;
        return (w, v, p) => (Buffer.isBuffer(v) && v.length === size ? w.writeFixed(v) : wrong(p, `${size} bytes (fixed ${name})`, v));
      }
      case 'enum': {
        const index = new Map(t.symbols.map((s, i) => [s, i]));
        return (w, v, p) => {
          const i = typeof v === 'string' ? index.get(v) : undefined;
          if (i === undefined) wrong(p, `a symbol of enum ${t.name} (${t.symbols.join(', ')})`, v);
          w.writeInt(i);
        };
      }
      case 'array': {
        const item = this.of(t.items);
        return (w, v, p) => {
          if (!Array.isArray(v)) return wrong(p, 'an array', v);
          if (v.length > 0) {
            w.writeLongNumber(v.length);
            for (let i = 0; i < v.length; i++) item(w, v[i]!, joinPath(p, i));
          }
          w.writeInt(0);
        };
      }
      case 'map': {
        const value = this.of(t.values);
        return (w, v, p) => {
          if (!isObject(v)) return wrong(p, 'an object (Avro map)', v);
          const keys = Object.keys(v);
          if (keys.length > 0) {
            w.writeLongNumber(keys.length);
            for (const k of keys) {
              w.writeString(k);
              value(w, v[k]!, joinPath(p, k));
            }
          }
          w.writeInt(0);
        };
      }
      case 'union': {
        const byName = new Map(t.branches.map((b, i) => [branchName(b), { i, write: this.of(b) }]));
        const nullIndex = t.branches.findIndex((b) => b.kind === 'null');
        const names = [...byName.keys()].join(', ');
        return (w, v, p) => {
          if (v === null) {
            if (nullIndex < 0) wrong(p, `one of the union's branches (${names})`, v);
            w.writeInt(nullIndex);
            return;
          }
          const keys = isObject(v) ? Object.keys(v) : [];
          const b = keys.length === 1 ? byName.get(keys[0]!) : undefined;
          if (!b) return wrong(p, `null or an object with one key naming a branch of the union (${names})`, v);
          w.writeInt(b.i);
          b.write(w, (v as Record<string, AvroValue>)[keys[0]!]!, p);
        };
      }
      case 'record':
        return this.of(t);
    }
  }
}

const WRITERS = new WeakMap<AvroType, Write>();
const scratch = new ByteWriter(4096);

export function avroWriter(t: AvroType): Write {
  let write = WRITERS.get(t);
  if (!write) {
    write = new Writers().of(t);
    WRITERS.set(t, write);
  }
  return write;
}

/** Encode one value of `t`; throws AvroValueError naming the path of a value that does not fit. */
export function encodeAvro(t: AvroType, v: AvroValue): Buffer {
  const write = avroWriter(t);
  scratch.pos = 0;
  write(scratch, v, '');
  return scratch.result();
}
