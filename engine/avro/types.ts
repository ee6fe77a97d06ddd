/**
 * The parsed form of an Avro schema (Avro 1.11): a graph of plain objects, one per type.
 * Named types (record, enum, fixed) are shared objects, so a reference to an earlier name and a
 * recursive reference are the same object. Values (AvroValue) are the ones the codec reads and
 * writes: long as bigint, bytes and fixed as Buffer, enum as its symbol, map and record as
 * plain objects, union as null or a one-key object naming the branch that was written.
 */

export const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type PrimitiveKind = (typeof PRIMITIVES)[number];

/** A logical type the codec knows, kept only where the spec says it is valid. */
export interface Logical {
  name: 'date' | 'time-millis' | 'time-micros' | 'timestamp-millis' | 'timestamp-micros' | 'local-timestamp-millis' | 'local-timestamp-micros' | 'decimal' | 'uuid';
  /** decimal only. */
  precision?: number;
  /** decimal only; 0 when absent. */
  scale: number;
}

interface Base {
  /** A valid logical type on this type (an invalid or unknown one is dropped, as the spec says). */
  logical?: Logical;
  /** Attributes beyond the structural ones (logicalType, doc, custom properties), kept for export. */
  attrs?: Record<string, unknown>;
}

export interface PrimitiveType extends Base {
  kind: PrimitiveKind;
}

interface Named extends Base {
  /** Fully qualified name. */
  name: string;
  /** The namespace part of `name` ('' for the null namespace). */
  namespace: string;
  aliases: string[];
}

export interface AvroField {
  name: string;
  type: AvroType;
  /** The default as an AvroValue (converted from its JSON form), absent when there is none. */
  default?: { value: AvroValue };
  aliases: string[];
  /** Field attributes other than name/type/default/aliases (doc, order, custom), kept for export. */
  attrs?: Record<string, unknown>;
}

export interface RecordType extends Named {
  kind: 'record';
  /** Filled after the record's name is registered, so fields may refer to the record itself. */
  fields: AvroField[];
  /** True for the `error` spelling of a record. */
  isError?: boolean;
}

export interface EnumType extends Named {
  kind: 'enum';
  symbols: string[];
  default?: string;
}

export interface FixedType extends Named {
  kind: 'fixed';
  size: number;
}

export interface ArrayType extends Base {
  kind: 'array';
  items: AvroType;
}

export interface MapType extends Base {
  kind: 'map';
  values: AvroType;
}

export interface UnionType extends Base {
  kind: 'union';
  branches: AvroType[];
}

export type NamedType = RecordType | EnumType | FixedType;
export type AvroType = PrimitiveType | NamedType | ArrayType | MapType | UnionType;

export type AvroValue = null | boolean | number | bigint | string | Buffer | AvroValue[] | { [key: string]: AvroValue };

export function isNamed(t: AvroType): t is NamedType {
  return t.kind === 'record' || t.kind === 'enum' || t.kind === 'fixed';
}

/**
 * The key a union value is wrapped in: a named type's full name, otherwise the type's kind
 * (the same names avsc gives its branches, so wrapped values read alike).
 */
export function branchName(t: AvroType): string {
  return isNamed(t) ? t.name : t.kind;
}

/** Set an own property, also for the key `__proto__` (plain assignment would set the prototype). */
export function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
