/**
 * BSON values to Avro values for a schema (the inverse of toBson.ts), as engine/avro writes them.
 * Numbers convert when no digit is lost (int <- an integral number in int32 range; long <- any
 * integral number; float/double <- any number); dates go to the timestamp and date logical
 * types (or to a plain long, as epoch milliseconds); Decimal128 and other numbers to decimal
 * when they fit its precision and scale; UUID binData or strings to uuid; an ObjectId to a
 * string as its hex. A missing record field takes the schema's default, or null when its
 * union has null. Document fields the schema does not name are not written (an Avro record
 * has only its schema's fields); `_ts` and `_stream_meta` added by the engine are such fields.
 */
import { Binary, type Long, type ObjectId } from 'bson';
import type { Value } from '../../core/types';
import { isPlainObject, toNumber, typeName } from '../../bson/types';
import { branchName, setKey, type AvroType, type AvroValue } from '../../avro/types';
import { kindName } from './avroTypes';
import { daysOf, decimalToBytes, microsOf, millisOf, uuidString } from './logical';
import { joinPath } from '../../avro/errors';
import { MappingError } from './toBson';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function found(v: Value): string {
  return typeName(v);
}

function expected(path: string, what: string, v: Value): never {
  throw new MappingError(path, `expected ${what}, found ${found(v)}`);
}

function isNumeric(v: Value): boolean {
  const t = typeName(v);
  return t === 'int' || t === 'long' || t === 'double' || t === 'decimal';
}

function integral(v: Value): bigint | undefined {
  if (typeof v === 'bigint') return v;
  const t = typeName(v);
  if (t === 'long' && typeof v === 'object') return (v as Long).toBigInt();
  if (t !== 'int' && t !== 'long' && t !== 'double') return undefined;
  const n = toNumber(v);
  return Number.isSafeInteger(n) ? BigInt(n) : undefined;
}

/** The Avro kinds a BSON value maps to without any conversion (a union tries these first). */
function naturalKinds(v: Value): string[] {
  switch (typeName(v)) {
    case 'null':
    case 'missing':
      return ['null'];
    case 'bool':
      return ['boolean'];
    case 'int':
      return ['int', 'long'];
    case 'long':
      return ['long'];
    case 'double':
      return ['double', 'float'];
    case 'decimal':
      return ['decimal'];
    case 'date':
      return ['timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros', 'date'];
    case 'string':
      return ['string', 'enum', 'uuid'];
    case 'binData':
      return (v as Binary).sub_type === Binary.SUBTYPE_UUID ? ['uuid', 'fixed', 'bytes'] : ['bytes', 'fixed'];
    case 'object':
      return ['record', 'map'];
    case 'array':
      return ['array'];
    default:
      return [];
  }
}

/** Not mapped by the logical type: write the value as the underlying type. */
const UNDERLYING = Symbol('underlying');

function logicalFromBson(t: AvroType, v: Value, path: string): AvroValue | typeof UNDERLYING {
  const l = t.logical!;
  try {
    switch (l.name) {
      case 'timestamp-millis':
      case 'local-timestamp-millis':
        return v instanceof Date ? millisOf(v) : UNDERLYING;
      case 'timestamp-micros':
      case 'local-timestamp-micros':
        return v instanceof Date ? microsOf(v) : UNDERLYING;
      case 'date':
        return v instanceof Date ? daysOf(v) : UNDERLYING;
      case 'decimal':
        if (!isNumeric(v)) return UNDERLYING;
        return decimalToBytes(typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? String(v) : (v as { toString(): string }).toString(), l.precision, l.scale, t.kind === 'fixed' ? t.size : undefined);
      case 'uuid':
        return typeof v === 'string' || typeName(v) === 'binData' ? uuidString(v as string | Binary) : UNDERLYING;
      default:
        return UNDERLYING;
    }
  } catch (e) {
    throw new MappingError(path, `${l.name}: ${(e as Error).message}`);
  }
}

function unionFromBson(type: Extract<AvroType, { kind: 'union' }>, v: Value, path: string): AvroValue {
  const all = type.branches;
  if (v === null || v === undefined) {
    if (all.some((b) => b.kind === 'null')) return null;
    return expected(path, `one of ${all.map(kindName).join(', ')}`, v);
  }
  const natural = naturalKinds(v);
  const ordered = [...all.filter((b) => natural.includes(kindName(b))), ...all.filter((b) => !natural.includes(kindName(b)))];
  const reasons: string[] = [];
  for (const b of ordered) {
    if (b.kind === 'null') continue;
    try {
      return { [branchName(b)]: fromBson(b, v, path) };
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      reasons.push(`${kindName(b)}: ${e.reason}`);
    }
  }
  throw new MappingError(path, `${found(v)} matches no branch of the union (${reasons.join('; ')})`);
}

function acceptsNull(t: AvroType): boolean {
  return t.kind === 'null' || (t.kind === 'union' && t.branches.some((b) => b.kind === 'null'));
}

/** Map a BSON value to the Avro value engine/avro writes for `type`; throws MappingError. */
export function fromBson(type: AvroType, v: Value, path = ''): AvroValue {
  if (type.logical) {
    const mapped = logicalFromBson(type, v, path);
    if (mapped !== UNDERLYING) return mapped;
  }
  switch (type.kind) {
    case 'null':
      return v === null || v === undefined ? null : expected(path, 'null', v);
    case 'boolean':
      return typeof v === 'boolean' ? v : expected(path, 'a boolean', v);
    case 'int': {
      const n = integral(v);
      return n !== undefined && n >= INT32_MIN && n <= INT32_MAX ? Number(n) : expected(path, 'an int (32-bit integer)', v);
    }
    case 'long': {
      const n = v instanceof Date ? millisOf(v) : integral(v);
      return n !== undefined && BigInt.asIntN(64, n) === n ? n : expected(path, 'a long (64-bit integer)', v);
    }
    case 'float':
    case 'double':
      return isNumeric(v) ? toNumber(v) : expected(path, `a ${type.kind}`, v);
    case 'string':
      if (typeof v === 'string') return v;
      if (typeName(v) === 'objectId') return (v as ObjectId).toHexString();
      return expected(path, 'a string', v);
    case 'enum': {
      const symbols = type.symbols;
      if (typeof v !== 'string') return expected(path, `an enum symbol (${symbols.join(', ')})`, v);
      if (!symbols.includes(v)) throw new MappingError(path, `'${v}' is not a symbol of enum ${type.name} (${symbols.join(', ')})`);
      return v;
    }
    case 'bytes':
      return typeName(v) === 'binData' ? Buffer.from((v as Binary).buffer) : expected(path, 'binData (Avro bytes)', v);
    case 'fixed': {
      const size = type.size;
      if (typeName(v) !== 'binData') return expected(path, `binData of ${size} bytes (Avro fixed)`, v);
      const b = Buffer.from((v as Binary).buffer);
      if (b.length !== size) throw new MappingError(path, `binData of ${b.length} bytes does not fit fixed ${type.name} of ${size} bytes`);
      return b;
    }
    case 'array': {
      if (!Array.isArray(v)) return expected(path, 'an array', v);
      const it = type.items;
      return v.map((x, i) => fromBson(it, x, joinPath(path, i)));
    }
    case 'map': {
      if (!isPlainObject(v)) return expected(path, 'an object (Avro map)', v);
      const vt = type.values;
      const out: Record<string, AvroValue> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) setKey(out, k, fromBson(vt, x, joinPath(path, k)));
      return out;
    }
    case 'record': {
      if (!isPlainObject(v)) return expected(path, `an object (record ${type.name})`, v);
      const out: Record<string, AvroValue> = {};
      for (const f of type.fields) {
        const x = Object.prototype.hasOwnProperty.call(v, f.name) ? v[f.name] : undefined;
        const at = joinPath(path, f.name);
        if (x === undefined && f.default) continue; // the encoder writes the default
        if (x === undefined && !acceptsNull(f.type)) throw new MappingError(at, 'is missing, and the schema gives it no default');
        setKey(out, f.name, fromBson(f.type, x, at));
      }
      return out;
    }
    case 'union':
      return unionFromBson(type, v, path);
  }
}
