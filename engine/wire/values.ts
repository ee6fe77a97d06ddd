/**
 * The wire's edge between BSON and the processor methods' Extended JSON: command arguments go
 * in as canonical EJSON (Int32, Double and Long stay apart), replies come back from relaxed EJSON
 * (what the methods return, and what `asp run` prints), and a few scalar arguments (names,
 * cursor ids, sizes) are read with MongoDB's type-mismatch errors.
 */
import { EJSON, Long, type Document } from 'bson';
import { WireError } from './errors';

/** A BSON-decoded value as canonical Extended JSON, for the methods' params. */
export function toEJSON(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  return EJSON.serialize(v, { relaxed: false });
}

/** A methods reply (relaxed Extended JSON) as a BSON document. */
export function fromEJSONReply(v: object): Document {
  return EJSON.deserialize(v as Document, { relaxed: true }) as Document;
}

/** The BSON type name MongoDB's IDL errors use ("int", "double", "string", "object", ...). */
export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  const t = (v as { _bsontype?: string })._bsontype;
  switch (t) {
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'BSONRegExp':
      return 'regex';
    case 'Timestamp':
      return 'timestamp';
    default:
      return t ? t.toLowerCase() : 'object';
  }
}

const mismatch = (cmd: string, field: string, v: unknown, want: string): WireError =>
  new WireError(`BSON field '${cmd}.${field}' is the wrong type '${bsonTypeName(v)}', expected type '${want}'`, 'TypeMismatch');

/** A JS number from any BSON number, or undefined for a missing/null field. */
export function numberField(cmd: string, doc: Document, field: string): number | undefined {
  const v = doc[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'Int32' || t === 'Double') return (v as { valueOf(): number }).valueOf();
  if (t === 'Long') return (v as Long).toNumber();
  throw mismatch(cmd, field, v, 'number');
}

export function stringField(cmd: string, doc: Document, field: string): string {
  const v = doc[field];
  if (typeof v !== 'string') throw mismatch(cmd, field, v, 'string');
  return v;
}

export function boolField(cmd: string, doc: Document, field: string): boolean | undefined {
  const v = doc[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  const n = numberField(cmd, doc, field);
  return n !== 0;
}

/** A sub-document argument, or undefined when absent or null (drivers send `filter: null`). */
export function docField(cmd: string, doc: Document, field: string): Document | undefined {
  const v = doc[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || (v as { _bsontype?: string })._bsontype) throw mismatch(cmd, field, v, 'object');
  return v as Document;
}

export function arrayField(cmd: string, doc: Document, field: string): unknown[] {
  const v = doc[field];
  if (!Array.isArray(v)) throw mismatch(cmd, field, v, 'array');
  return v;
}

/** Cursor ids are int64 on the wire, as Atlas sends them. */
export const cursorIdOf = (id: number): Long => Long.fromNumber(id);
