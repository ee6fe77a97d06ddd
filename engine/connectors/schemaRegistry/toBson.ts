/**
 * Avro values (as engine/avro decodes them) to BSON values:
 *   null -> null, boolean -> bool, int -> int, long -> long, float/double -> double,
 *   string -> string, enum -> string (the symbol), bytes/fixed -> binData (subtype 0),
 *   array -> array, map -> embedded document, record -> embedded document,
 *   union -> the value of the branch that was written (so ["null", T] is null or T),
 *   timestamp-millis/-micros and local-timestamp-millis/-micros -> date (micros are floored
 *   to the millisecond, the precision of a BSON date), date -> date at 00:00 UTC,
 *   time-millis -> int, time-micros -> long, decimal -> decimal (Decimal128),
 *   uuid -> binData subtype 4.
 * A logical type on an underlying type it does not fit is ignored, as the Avro spec says (the
 * parser drops it, engine/avro/logicalTypes.ts).
 */
import { Binary, Long } from 'bson';
import type { Doc, Value } from '../../core/types';
import { AvroValueError, joinPath } from '../../avro/errors';
import { branchName, setKey, type AvroType, type Logical } from '../../avro/types';
import { dateFromDays, dateFromMicros, dateFromMillis, decimalFromBytes, uuidFromString } from './logical';

/** Why a value could not be mapped between BSON and Avro, and where (a dotted field path). */
export class MappingError extends AvroValueError {
  constructor(path: string, reason: string) {
    super(path, reason);
    this.name = 'MappingError';
  }
}


/** The BSON value of a logical type, or undefined when it maps as its underlying type. */
function logicalToBson(l: Logical, v: unknown, path: string): Value | undefined {
  try {
    switch (l.name) {
      case 'timestamp-millis':
      case 'local-timestamp-millis':
        return dateFromMillis(v as bigint);
      case 'timestamp-micros':
      case 'local-timestamp-micros':
        return dateFromMicros(v as bigint);
      case 'date':
        return dateFromDays(v as number);
      case 'decimal':
        return decimalFromBytes(v as Buffer, l.scale);
      case 'uuid':
        return uuidFromString(v as string);
      default:
        // time-millis / time-micros: the underlying int or long.
        return undefined;
    }
  } catch (e) {
    throw new MappingError(path, `${l.name}: ${(e as Error).message}`);
  }
}

/** Map one decoded Avro value of `type` to BSON; throws MappingError. */
export function toBson(type: AvroType, v: unknown, path = ''): Value {
  if (type.logical) {
    const mapped = logicalToBson(type.logical, v, path);
    if (mapped !== undefined) return mapped;
  }
  switch (type.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'int':
    case 'float':
    case 'double':
    case 'string':
    case 'enum':
      return v as Value;
    case 'long':
      return Long.fromBigInt(v as bigint);
    case 'bytes':
    case 'fixed':
      // The decoder hands out its own copy of the bytes.
      return new Binary(v as Buffer);
    case 'array': {
      const it = type.items;
      return (v as unknown[]).map((x, i) => toBson(it, x, joinPath(path, i)));
    }
    case 'map': {
      const vt = type.values;
      const out: Doc = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) setKey(out, k, toBson(vt, x, joinPath(path, k)));
      return out;
    }
    case 'record': {
      const rec = v as Record<string, unknown>;
      const out: Doc = {};
      for (const f of type.fields) setKey(out, f.name, toBson(f.type, rec[f.name], joinPath(path, f.name)));
      return out;
    }
    case 'union': {
      if (v === null) return null;
      const [branch] = Object.keys(v as object);
      const bt = type.branches.find((b) => branchName(b) === branch);
      if (!bt) throw new MappingError(path, `union branch '${String(branch)}' is not in the schema`);
      return toBson(bt, (v as Record<string, unknown>)[branch!], path);
    }
  }
}
