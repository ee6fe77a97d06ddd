/**
 * Decoding Avro binary data with a schema. Each type gets a reader closure built once (and
 * cached per type object, so a recursive type reuses its own reader); reading a value walks
 * those closures, never generated code. Arrays and maps are read block by block, a negative
 * block count being followed by the block's byte size. Counts larger than the bytes left could
 * hold, and nesting beyond MAX_DEPTH, are refused instead of exhausting memory or the stack.
 */
import { AvroDecodeDataError } from './errors';
import { ByteReader } from './reader';
import { branchName, setKey, type AvroType, type AvroValue } from './types';

type Read = (r: ByteReader) => AvroValue;

/** Records, arrays and maps nested deeper than this are refused (a linked list this long is fine). */
export const MAX_DEPTH = 1000;
/** Items of a type that takes no bytes (null, an empty record) are capped per value. */
const MAX_EMPTY_ITEMS = 1_000_000;

/** The fewest bytes a value of `t` takes: bounds block counts against the bytes left. */
function minBytes(t: AvroType, seen = new Set<AvroType>()): number {
  switch (t.kind) {
    case 'null':
      return 0;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return t.size;
    case 'record': {
      if (seen.has(t)) return 0;
      seen.add(t);
      let n = 0;
      for (const f of t.fields) n += minBytes(f.type, seen);
      seen.delete(t);
      return n;
    }
    default:
      return 1;
  }
}

function enter(r: ByteReader): void {
  if (++r.depth > MAX_DEPTH) r.fail(`the value nests deeper than ${MAX_DEPTH} levels`);
}

/**
 * The item count of the next block of an array or map (0 at the end), after checking it
 * against the bytes left; `seen` is the count read so far, for items that take no bytes.
 */
function blockCount(r: ByteReader, what: string, itemMin: number, seen: number): number {
  const at = r.pos;
  let count = r.readSize(`${what} block count`, true);
  if (count < 0) {
    count = -count;
    const size = r.readSize(`${what} block byte size`);
    if (size > r.remaining) r.fail(`${what} block of ${size} bytes is longer than the ${r.remaining} bytes left`, at);
  }
  if (itemMin > 0 ? count * itemMin > r.remaining : seen + count > MAX_EMPTY_ITEMS) {
    r.fail(`${what} block of ${count} items cannot fit in the ${r.remaining} bytes left`, at);
  }
  return count;
}

class Readers {
  private readonly cache = new Map<AvroType, Read>();

  of(t: AvroType): Read {
    const hit = this.cache.get(t);
    if (hit) return hit;
    if (t.kind === 'record') {
      // Registered before the fields are built, so a field of this record's own type finds it.
      const cell: { read?: Read } = {};
      const self: Read = (r) => cell.read!(r);
      this.cache.set(t, self);
      cell.read = this.record(t);
      this.cache.set(t, cell.read);
      return cell.read;
    }
    const read = this.build(t);
    this.cache.set(t, read);
    return read;
  }

  private record(t: Extract<AvroType, { kind: 'record' }>): Read {
    const names = t.fields.map((f) => f.name);
    const reads = t.fields.map((f) => this.of(f.type));
    const n = names.length;
    const plain = !names.includes('__proto__');
    return (r) => {
      enter(r);
      const out: Record<string, AvroValue> = {};
      if (plain) for (let i = 0; i < n; i++) out[names[i]!] = reads[i]!(r);
      else for (let i = 0; i < n; i++) setKey(out, names[i]!, reads[i]!(r));
      r.depth--;
      return out;
    };
  }

  private build(t: AvroType): Read {
    switch (t.kind) {
      case 'null':
        return () => null;
      case 'boolean':
        return (r) => r.readBoolean();
      case 'int':
        return (r) => r.readInt();
      case 'long':
        return (r) => r.readLong();
      case 'float':
        return (r) => r.readFloat();
      case 'double':
        return (r) => r.readDouble();
      case 'bytes':
        return (r) => r.readBytes();
      case 'string':
        return (r) => r.readString();
      case 'fixed': {
        const { size, name } = t;
        return (r) => r.readFixed(size, `fixed ${name}`);
      }
      case 'enum': {
        const { symbols, name } = t;
        return (r) => {
          const at = r.pos;
          const i = r.readInt();
          const s = symbols[i];
          if (s === undefined) r.fail(`enum ${name} has no symbol at index ${i} (it has ${symbols.length})`, at);
          return s;
        };
      }
      case 'array': {
        const item = this.of(t.items);
        const min = minBytes(t.items);
        return (r) => {
          enter(r);
          const out: AvroValue[] = [];
          for (let count = blockCount(r, 'an array', min, 0); count !== 0; count = blockCount(r, 'an array', min, out.length)) {
            for (let i = 0; i < count; i++) out.push(item(r));
          }
          r.depth--;
          return out;
        };
      }
      case 'map': {
        const value = this.of(t.values);
        const min = 1 + minBytes(t.values);
        return (r) => {
          enter(r);
          const out: Record<string, AvroValue> = {};
          for (let count = blockCount(r, 'a map', min, 0); count !== 0; count = blockCount(r, 'a map', min, 0)) {
            for (let i = 0; i < count; i++) {
              const k = r.readString();
              if (k === '__proto__') setKey(out, k, value(r));
              else out[k] = value(r);
            }
          }
          r.depth--;
          return out;
        };
      }
      case 'union': {
        const reads = t.branches.map((b) => this.of(b));
        const names = t.branches.map((b) => (b.kind === 'null' ? null : branchName(b)));
        return (r) => {
          const at = r.pos;
          const i = r.readInt();
          const read = reads[i];
          if (!read) r.fail(`union branch index ${i} is out of range (the union has ${reads.length} branches)`, at);
          const name = names[i]!;
          const v = read(r);
          return name === null ? null : { [name]: v };
        };
      }
      case 'record':
        return this.of(t);
    }
  }
}

const READERS = new WeakMap<AvroType, Read>();

/** The reader for a schema's values, built once per parsed schema. */
export function avroReader(t: AvroType): Read {
  let read = READERS.get(t);
  if (!read) {
    read = new Readers().of(t);
    READERS.set(t, read);
  }
  return read;
}

/** Decode exactly one value of `t` from `buf`; bytes left over are an error. */
export function decodeAvro(t: AvroType, buf: Buffer): AvroValue {
  const r = new ByteReader(buf);
  const v = avroReader(t)(r);
  if (r.pos < buf.length) throw new AvroDecodeDataError(r.pos, `${buf.length - r.pos} byte(s) are left over after the value`);
  return v;
}
