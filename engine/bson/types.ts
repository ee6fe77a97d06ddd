/** BSON type names and helpers over the engine's value representation. */
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, BSONSymbol, Code } from 'bson';
import type { Doc, Value } from '../core/types';

export { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * MongoDB `$type` name of a value. JS numbers that are integral and fit in 32 bits are
 * "int", other integral safe numbers "long", the rest "double" (see docs/parity.md).
 */
export function typeName(v: Value): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      if (Number.isInteger(v)) return v >= INT32_MIN && v <= INT32_MAX ? 'int' : Number.isSafeInteger(v) ? 'long' : 'double';
      return 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
    case 'object':
      break;
    default:
      return 'javascript';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt !== undefined) {
    switch (bt) {
      case 'ObjectId':
        return 'objectId';
      case 'Long':
        return 'long';
      case 'Int32':
        return 'int';
      case 'Double':
        return 'double';
      case 'Decimal128':
        return 'decimal';
      case 'Timestamp':
        return 'timestamp';
      case 'Binary':
        return 'binData';
      case 'BSONRegExp':
        return 'regex';
      case 'MinKey':
        return 'minKey';
      case 'MaxKey':
        return 'maxKey';
      case 'BSONSymbol':
        return 'symbol';
      case 'Code':
        return 'javascript';
      case 'DBRef':
        return 'object';
    }
  }
  if (v instanceof RegExp) return 'regex';
  return 'object';
}

/** BSON type numbers as `$type` accepts them. */
export const TYPE_NUMBERS: Record<string, number> = {
  double: 1, string: 2, object: 3, array: 4, binData: 5, undefined: 6, objectId: 7, bool: 8, date: 9,
  null: 10, regex: 11, dbPointer: 12, javascript: 13, symbol: 14, javascriptWithScope: 15, int: 16,
  timestamp: 17, long: 18, decimal: 19, minKey: -1, maxKey: 127,
};

export function isNumber(v: Value): boolean {
  if (typeof v === 'number') return true;
  if (v === null || typeof v !== 'object') return typeof v === 'bigint';
  const bt = (v as { _bsontype?: string })._bsontype;
  return bt === 'Long' || bt === 'Decimal128' || bt === 'Int32' || bt === 'Double';
}

/** Numeric value as a JS number (Long and Decimal128 lose precision past 2^53). */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt === 'Long') return (v as Long).toNumber();
  if (bt === 'Decimal128') return Number((v as Decimal128).toString());
  if (bt === 'Int32' || bt === 'Double') return (v as Int32 | Double).valueOf();
  return NaN;
}

export function isPlainObject(v: Value): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  const bt = (v as { _bsontype?: string })._bsontype;
  return bt === undefined;
}

export function isDate(v: Value): v is Date {
  return v instanceof Date;
}

export { BSONSymbol, Code };
