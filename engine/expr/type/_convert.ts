/**
 * The $convert conversion table: one value to one target type, MongoDB's rules and messages,
 * plus Atlas Stream Processing's binData extensions.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/convert/
 */
import { Binary, Decimal128, Double, Long, ObjectId } from 'bson';
import { ExprError } from '../../core/errors';
import type { Value } from '../../core/types';
import { isPlainObject, toNumber, TYPE_NUMBERS, typeName } from '../../bson/types';
import { NUM_DECIMAL, NUM_DOUBLE, NUM_INT, NUM_LONG, double, numberKind } from '../../bson/numbers';
import { formatInBase, parseInBase } from './_base';
import { ISO_FORMAT_Z, formatDate } from '../date/_format';
import { dateMs, integral64, showValue } from '../date/_internal';
import { parseDateString } from '../date/_parse';
import { UTC } from '../date/_tz';
import { BIN_FORMATS, binToBin, binToNumber, binToString, BYTE_ORDERS, numberToBin, stringToBin, type BinFormat, type ByteOrder } from './_binData';
import {
  conversionFailure, decimalIsZero, decimalToDouble, decimalToInt, decimalToLong, doubleToDecimal, doubleToInt, doubleToLong,
  formatDouble, longToInt, parseDecimal, parseDouble, parseInt32, parseInt64, parseObjectId, unsupported,
} from './_internal';
import { isNullish } from '../_shared/values';

export interface Target {
  type: string;
  /** binData subtype, when `to` gave one. */
  subtype?: number;
}

export interface ConvertOptions {
  /** undefined: not given (an error where a format is required); 'auto' for $toString. */
  format?: BinFormat;
  byteOrder: ByteOrder;
  /** `base` (MongoDB 8.3): 2, 8, 10 or 16 for string <-> number conversions. */
  base?: number;
}

/** The $toX shortcuts: no format (binData <-> string needs $convert), little-endian. */
export const OPTIONS: ConvertOptions = { byteOrder: 'little' };

const NAME_BY_NUMBER = new Map<number, string>(Object.entries(TYPE_NUMBERS).map(([k, v]) => [v, k]));

function parseTypeId(v: Value): string {
  if (typeof v === 'string') {
    if (TYPE_NUMBERS[v] === undefined) throw new ExprError(`Unknown type name: ${v}`);
    return v;
  }
  const n = integral64(v);
  if (n === undefined) throw new ExprError("In $convert, numeric 'to' argument is not an integer");
  const name = NAME_BY_NUMBER.get(n);
  if (name === undefined) throw new ExprError(`In $convert, numeric value for 'to' does not correspond to a BSON type: ${n}`);
  return name;
}

/** ConvertTargetTypeInfo::parse: a type name, a BSON type number or `{type, subtype}`. */
export function parseTarget(v: Value): Target | null {
  if (isNullish(v)) return null;
  if (isPlainObject(v)) {
    const type = parseTypeId(v['type']);
    const st = v['subtype'];
    if (isNullish(st)) return { type };
    const n = integral64(st);
    if (n === undefined) {
      throw new ExprError(typeof st === 'number' ? "In $convert, numeric 'subtype' argument is not an integer" : `For BinData, $convert's 'subtype' argument must be a number, but is ${typeName(st)}`);
    }
    if (!((n >= 0 && n <= 9) || (n >= 128 && n <= 255))) throw new ExprError(`In $convert, numeric value for 'subtype' does not correspond to a BinData type: ${n}`);
    return { type, subtype: n };
  }
  if (typeof v !== 'string' && typeof v !== 'number' && !(v instanceof Long) && !(v instanceof Decimal128)) {
    throw new ExprError(`$convert's 'to' argument must be a string or number, but is ${typeName(v)}`);
  }
  return { type: parseTypeId(v) };
}

function parseEnum<T extends string>(v: Value, what: 'format' | 'byteOrder', allowed: readonly string[]): T | undefined {
  if (isNullish(v)) return undefined;
  if (typeof v !== 'string') throw new ExprError(`$convert requires that '${what}' be a string, found: ${typeName(v)} with value ${showValue(v)}`);
  if (!allowed.includes(v)) throw new ExprError(`Invalid '${what}' argument for $convert: ${v}`);
  return v as T;
}

export const parseFormat = (v: Value): BinFormat | undefined => parseEnum<BinFormat>(v, 'format', BIN_FORMATS);
export const parseByteOrder = (v: Value): ByteOrder | undefined => parseEnum<ByteOrder>(v, 'byteOrder', BYTE_ORDERS);

function needFormat(from: string, to: string, format: BinFormat | undefined): BinFormat {
  if (format === undefined) throw new ExprError(`Format must be speficied when converting from '${from}' to '${to}'`);
  return format;
}

function toDateValue(ms: number): Date {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw conversionFailure(`Conversion would overflow target type in $convert with no onError value: ${ms}`);
  return new Date(ms);
}

/** Convert a non-null value; failures throw ConversionFailure errors that `onError` catches. */
export function convertValue(v: Value, target: Target, o: ConvertOptions): Value {
  const from = typeName(v);
  const to = target.type;
  if (typeof v === 'bigint') return convertValue(Long.fromBigInt(v), target, o);
  const kind = numberKind(v);
  if (kind >= 0) return convertNumber(v, kind, from, target, o);
  if (to === 'bool') return typeof v === 'boolean' ? v : true;
  switch (from) {
    case 'string': {
      const s = v as string;
      switch (to) {
        case 'string': return s;
        case 'double': return o.base ? double(parseInBase(s, o.base).toNumber()) : double(parseDouble(s));
        case 'int': return o.base ? longToInt(parseInBase(s, o.base)) : parseInt32(s);
        case 'long': return o.base ? parseInBase(s, o.base) : parseInt64(s);
        case 'decimal': return o.base ? Decimal128.fromString(parseInBase(s, o.base).toString()) : parseDecimal(s);
        case 'objectId': return parseObjectId(s);
        case 'date': return toDateValue(parseDateString(s, UTC, false));
        case 'binData': return stringToBin(s, needFormat(from, to, o.format), target.subtype);
      }
      break;
    }
    case 'bool': {
      const b = v as boolean;
      switch (to) {
        case 'double': return new Double(b ? 1 : 0);
        case 'int': return b ? 1 : 0;
        case 'long': return Long.fromNumber(b ? 1 : 0);
        case 'decimal': return Decimal128.fromString(b ? '1' : '0');
        case 'string': return b ? 'true' : 'false';
        case 'binData': return numberToBin('bool', b, o.byteOrder, target.subtype ?? 0);
      }
      break;
    }
    case 'date': {
      const ms = (v as Date).getTime();
      switch (to) {
        case 'date': return v;
        case 'double': return double(ms);
        case 'long': return Long.fromNumber(ms);
        case 'decimal': return Decimal128.fromString(String(ms));
        case 'string': return formatDate(ISO_FORMAT_Z, ms, UTC);
      }
      break;
    }
    case 'objectId': {
      switch (to) {
        case 'objectId': return v;
        case 'string': return (v as ObjectId).toHexString();
        case 'date': return new Date(dateMs(v));
      }
      break;
    }
    case 'timestamp':
      if (to === 'date') return new Date(dateMs(v));
      break;
    case 'binData': {
      const b = v as Binary;
      switch (to) {
        case 'binData': return binToBin(b, target.subtype);
        case 'string': return binToString(b, needFormat(from, to, o.format));
        case 'int': case 'long': return binToNumber(b, to, o.byteOrder);
        case 'double': return double(binToNumber(b, to, o.byteOrder) as number);
      }
      break;
    }
  }
  throw unsupported(from, to);
}

/** One numeric value (any of the four types) to `target`, following the ConversionTable. */
function convertNumber(v: Value, kind: number, from: string, target: Target, o: ConvertOptions): Value {
  const to = target.type;
  const n = toNumber(v);
  switch (to) {
    case 'bool':
      return kind === NUM_DECIMAL ? !decimalIsZero(v as Decimal128) : kind === NUM_LONG ? !(v as Long).isZero() : n !== 0;
    case 'double':
      if (kind === NUM_DOUBLE) return v;
      return double(kind === NUM_DECIMAL ? decimalToDouble(v as Decimal128) : n);
    case 'int':
      if (kind === NUM_INT) return v;
      if (kind === NUM_LONG) return longToInt(v as Long);
      return kind === NUM_DECIMAL ? decimalToInt(v as Decimal128) : doubleToInt(n);
    case 'long':
      if (kind === NUM_LONG) return v;
      if (kind === NUM_INT) return Long.fromNumber(n);
      return kind === NUM_DECIMAL ? decimalToLong(v as Decimal128) : doubleToLong(n);
    case 'decimal':
      if (kind === NUM_DECIMAL) return v;
      if (kind === NUM_LONG) return Decimal128.fromString((v as Long).toString());
      return kind === NUM_INT ? Decimal128.fromString(String(n)) : doubleToDecimal(n);
    case 'string':
      if (o.base) return formatInBase(v, kind, o.base);
      if (kind === NUM_DOUBLE) return formatDouble(n);
      return kind === NUM_INT ? String(n) : (v as Long | Decimal128).toString();
    case 'date':
      if (kind === NUM_INT) throw unsupported(from, to);
      if (kind === NUM_LONG) return toDateValue(n);
      return toDateValue(kind === NUM_DECIMAL ? decimalToLong(v as Decimal128).toNumber() : doubleToLong(n).toNumber());
    case 'binData':
      if (kind === NUM_INT) return numberToBin('int', n, o.byteOrder, target.subtype ?? 0);
      if (kind === NUM_LONG) return numberToBin('long', (v as Long).toBigInt(), o.byteOrder, target.subtype ?? 0);
      if (kind === NUM_DOUBLE) return numberToBin('double', n, o.byteOrder, target.subtype ?? 0);
      break;
  }
  throw unsupported(from, to);
}
