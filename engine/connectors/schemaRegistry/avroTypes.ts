/**
 * Avro schemas as avsc types, set up for the BSON mapping: longs are bigints (all 64 bits, no
 * precision check on the way), unions are always wrapped (so the branch that was written is
 * known), and logical types are kept as markers carrying their attributes; the conversions
 * to and from BSON values are in toBson.ts and fromBson.ts.
 */
import * as avro from 'avsc';

/** The logical types with a BSON mapping; any other keeps its underlying type. */
export const LOGICAL_TYPES = [
  'timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros',
  'date', 'time-millis', 'time-micros', 'decimal', 'uuid',
] as const;
export type LogicalName = (typeof LOGICAL_TYPES)[number];

/** Set while avsc builds a logical type's underlying type (see typeHook below). */
let buildingUnderlying = 0;

/** A logical type's name and attributes; reads and writes its underlying type unchanged. */
export class LogicalMarker extends avro.types.LogicalType {
  readonly logicalName: string;
  readonly precision: number | undefined;
  readonly scale: number;

  constructor(schema: avro.Schema, opts?: unknown) {
    buildingUnderlying++;
    try {
      super(schema, opts);
    } finally {
      buildingUnderlying--;
    }
    const s = schema as { logicalType?: unknown; precision?: unknown; scale?: unknown };
    this.logicalName = String(s.logicalType);
    this.precision = typeof s.precision === 'number' ? s.precision : undefined;
    this.scale = typeof s.scale === 'number' ? s.scale : 0;
  }

  protected override _fromValue(v: unknown): unknown {
    return v;
  }

  protected override _toValue(v: unknown): unknown {
    return v;
  }

  protected override _export(attrs: avro.Schema): void {
    const a = attrs as { precision?: number; scale?: number };
    if (this.precision !== undefined) a.precision = this.precision;
    if (this.logicalName === 'decimal') a.scale = this.scale;
  }

  protected override _resolve(type: avro.Type): unknown {
    // Same underlying type: values pass through; schema resolution is not used by the codec.
    return avro.Type.isType(type, 'logical') ? undefined : (v: unknown) => v;
  }
}

function toLE(n: bigint): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64LE(BigInt.asIntN(64, n));
  return b;
}

/** Avro long <-> JS bigint: all 64 bits survive (avsc's default long type stops at 2^53). */
const BIGINT_LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(0),
  toBuffer: toLE,
  fromJSON: (x: unknown) => BigInt(x as number | string),
  toJSON: (n: bigint) => (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString()),
  isValid: (n: unknown) => typeof n === 'bigint' && BigInt.asIntN(64, n) === n,
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

const LOGICAL_CLASSES = Object.fromEntries(LOGICAL_TYPES.map((n) => [n, LogicalMarker]));

/**
 * Every `long` becomes the bigint long. avsc asks this hook before it applies a logical type,
 * so a long that carries one of ours is left alone until its marker builds the underlying type.
 */
function typeHook(schema: avro.Schema): avro.Type | undefined {
  if (schema === 'long') return BIGINT_LONG;
  if (typeof schema !== 'object' || Array.isArray(schema) || (schema as { type?: unknown }).type !== 'long') return undefined;
  const logical = (schema as { logicalType?: unknown }).logicalType;
  const ours = typeof logical === 'string' && (LOGICAL_TYPES as readonly string[]).includes(logical);
  return !ours || buildingUnderlying > 0 ? BIGINT_LONG : undefined;
}

/** JSON schema text, or a bare type name such as `string` (JSON would be `"string"`). */
function parseText(text: string): unknown {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(text)) return text;
  return JSON.parse(text);
}

/** Parse an Avro schema (JSON text or object). Throws avsc's (or JSON's) error for an invalid one. */
export function avroType(schema: string | object): avro.Type {
  const parsed: unknown = typeof schema === 'string' ? parseText(schema) : schema;
  return avro.Type.forSchema(parsed as avro.Schema, { wrapUnions: 'always', logicalTypes: LOGICAL_CLASSES, typeHook });
}

/** The schema as registry text (the canonical JSON avsc writes, attributes kept). */
export function schemaText(type: avro.Type): string {
  return JSON.stringify(type.schema({ exportAttrs: true }));
}

/** The fully qualified name of a named schema (record, enum, fixed), for subject strategies. */
export function fullName(type: avro.Type): string | undefined {
  return type.name ?? undefined;
}

/** avsc's kind of a type: 'record', 'union', 'long', 'logical', ... */
export function kindOf(type: avro.Type): string {
  const t = type.typeName;
  if (t.startsWith('union')) return 'union';
  if (t.startsWith('logical:')) return 'logical';
  if (t === 'abstract:long') return 'long';
  if (t === 'error') return 'record';
  return t;
}

/** A union's branches (avsc keeps them on `types`). */
export function branches(type: avro.Type): avro.Type[] {
  return (type as unknown as { types: avro.Type[] }).types;
}

export function recordFields(type: avro.Type): avro.types.Field[] {
  return (type as avro.types.RecordType).fields;
}
