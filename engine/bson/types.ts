/** BSON type names and helpers over the engine's value representation. */
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, BSONSymbol, Code } from 'bson';
import type { Doc, Value } from '../core/types';
import { isInt32, numberValue } from './numbers';

export { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp };

/**
 * MongoDB `$type` name of a value. A plain JS number is "int" when it is integral, in int32
 * range and not -0, else "double" (engine/bson/numbers.ts has the whole representation).
 */
export function typeName(v: Value): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return isInt32(v) ? 'int' : 'double';
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
      case 'Undefined':
        return 'undefined';
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
export const toNumber = numberValue;

export function isPlainObject(v: Value): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  const bt = (v as { _bsontype?: string })._bsontype;
  return bt === undefined;
}

export function isDate(v: Value): v is Date {
  return v instanceof Date;
}

export { BSONSymbol, Code };
