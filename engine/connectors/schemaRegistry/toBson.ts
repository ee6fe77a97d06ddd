/**
 * Avro values (as avsc decodes them with avroTypes.ts) to BSON values:
 *   null -> null, boolean -> bool, int -> int, long -> long, float/double -> double,
 *   string -> string, enum -> string (the symbol), bytes/fixed -> binData (subtype 0),
 *   array -> array, map -> embedded document, record -> embedded document,
 *   union -> the value of the branch that was written (so ["null", T] is null or T),
 *   timestamp-millis/-micros and local-timestamp-millis/-micros -> date (micros are floored
 *   to the millisecond, the precision of a BSON date), date -> date at 00:00 UTC,
 *   time-millis -> int, time-micros -> long, decimal -> decimal (Decimal128),
 *   uuid -> binData subtype 4.
 * A logical type on an underlying type it does not fit is ignored, as the Avro spec says.
 */
import type * as avro from 'avsc';
import { Binary, Long } from 'bson';
import type { Doc, Value } from '../../core/types';
import { branches, kindOf, LogicalMarker, recordFields } from './avroTypes';
import { dateFromDays, dateFromMicros, dateFromMillis, decimalFromBytes, uuidFromString } from './logical';

/** Why a value could not be mapped, and where (a dotted field path). */
export class MappingError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(path ? `field '${path}': ${reason}` : reason);
    this.name = 'MappingError';
  }
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function logicalToBson(t: LogicalMarker, v: unknown, path: string): Value {
  const under = kindOf(t.underlyingType);
  try {
    switch (t.logicalName) {
      case 'timestamp-millis':
      case 'local-timestamp-millis':
        if (under === 'long') return dateFromMillis(v as bigint);
        break;
      case 'timestamp-micros':
      case 'local-timestamp-micros':
        if (under === 'long') return dateFromMicros(v as bigint);
        break;
      case 'date':
        if (under === 'int') return dateFromDays(v as number);
        break;
      case 'decimal':
        if (under === 'bytes' || under === 'fixed') return decimalFromBytes(v as Buffer, t.scale);
        break;
      case 'uuid':
        if (under === 'string') return uuidFromString(v as string);
        break;
    }
  } catch (e) {
    throw new MappingError(path, `${t.logicalName}: ${(e as Error).message}`);
  }
  // time-millis / time-micros, and misapplied logical types: the underlying value.
  return toBson(t.underlyingType, v, path);
}

/** Map one decoded Avro value of `type` to BSON; throws MappingError. */
export function toBson(type: avro.Type, v: unknown, path = ''): Value {
  switch (kindOf(type)) {
    case 'null':
      return null;
    case 'boolean':
    case 'int':
    case 'float':
    case 'double':
    case 'string':
    case 'enum':
      return v;
    case 'long':
      return Long.fromBigInt(v as bigint);
    case 'bytes':
    case 'fixed':
      return new Binary(Buffer.from(v as Buffer));
    case 'array':
      return (v as unknown[]).map((x, i) => toBson((type as avro.types.ArrayType).itemsType, x, joinPath(path, i)));
    case 'map': {
      const vt = (type as avro.types.MapType).valuesType as avro.Type;
      const out: Doc = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toBson(vt, x, joinPath(path, k));
      return out;
    }
    case 'record': {
      const rec = v as Record<string, unknown>;
      const out: Doc = {};
      for (const f of recordFields(type)) out[f.name] = toBson(f.type, rec[f.name], joinPath(path, f.name));
      return out;
    }
    case 'union': {
      if (v === null) return null;
      const [branch] = Object.keys(v as object);
      const bt = branches(type).find((b) => b.branchName === branch);
      if (!bt) throw new MappingError(path, `union branch '${String(branch)}' is not in the schema`);
      return toBson(bt, (v as Record<string, unknown>)[branch!], path);
    }
    case 'logical':
      return logicalToBson(type as LogicalMarker, v, path);
    default:
      throw new MappingError(path, `Avro type ${type.typeName} has no BSON mapping`);
  }
}
