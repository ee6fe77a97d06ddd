/**
 * The $convert conversion table: one value to one target type, MongoDB's rules and messages,
 * plus Atlas Stream Processing's binData extensions.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/convert/
 */
import { Binary, Decimal128, Long, ObjectId } from 'bson';
import { ExprError } from '../../core/errors';
import type { Value } from '../../core/types';
import { isPlainObject, TYPE_NUMBERS, typeName } from '../../bson/types';
import { ISO_FORMAT_Z, formatDate } from '../date/_format';
import { dateMs, integral64, showValue } from '../date/_internal';
import { parseDateString } from '../date/_parse';
import { UTC } from '../date/_tz';
import { BIN_FORMATS, binToBin, binToNumber, binToString, BYTE_ORDERS, numberToBin, stringToBin, type BinFormat, type ByteOrder } from './_binData';
import {
  conversionFailure, decimalIsZero, decimalToDouble, decimalToInt, decimalToLong, doubleToDecimal, doubleToInt, doubleToLong,
  formatDouble, longToInt, parseDecimal, parseDouble, parseInt32, parseInt64, parseObjectId, unsupported,
} from './_internal';

export interface Target {
  type: string;
  /** binData subtype, when `to` gave one. */
  subtype?: number;
}

export interface ConvertOptions {
  /** undefined: not given (an error where a format is required); 'auto' for $toString. */
  format?: BinFormat;
  byteOrder: ByteOrder;
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
  if (v === null || v === undefined) return null;
  if (isPlainObject(v)) {
    const type = parseTypeId(v['type']);
    const st = v['subtype'];
    if (st === undefined || st === null) return { type };
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
  if (v === null || v === undefined) return undefined;
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
  if (to === 'bool') {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'boolean') return v;
    if (v instanceof Long) return !v.isZero();
    if (v instanceof Decimal128) return !decimalIsZero(v);
    return true;
  }
  if (typeof v === 'bigint') return convertValue(Long.fromBigInt(v), target, o);
  if (typeof v === 'number') {
    const n = v;
    switch (to) {
      case 'int': case 'long': case 'double': case 'decimal': case 'string': case 'date': case 'binData': break;
      default: throw unsupported(from, to);
    }
    if (to === 'double') return n;
    if (to === 'string') return from === 'double' ? formatDouble(n) : String(n);
    if (to === 'decimal') return doubleToDecimal(n);
    if (to === 'int') return from === 'int' ? n : from === 'long' ? longToInt(Long.fromNumber(n)) : doubleToInt(n);
    if (to === 'long') return from === 'double' ? doubleToLong(n) : Long.fromNumber(n);
    if (to === 'date') {
      if (from === 'int') throw unsupported(from, to);
      return toDateValue(from === 'long' ? n : doubleToLong(n).toNumber());
    }
    if (from === 'int') return numberToBin('int', n, o.byteOrder, target.subtype ?? 0);
    if (from === 'long') return numberToBin('long', BigInt(n), o.byteOrder, target.subtype ?? 0);
    return numberToBin('double', n, o.byteOrder, target.subtype ?? 0);
  }
  switch (from) {
    case 'string': {
      const s = v as string;
      switch (to) {
        case 'string': return s;
        case 'double': return parseDouble(s);
        case 'int': return parseInt32(s);
        case 'long': return parseInt64(s);
        case 'decimal': return parseDecimal(s);
        case 'objectId': return parseObjectId(s);
        case 'date': return toDateValue(parseDateString(s, UTC, false));
        case 'binData': return stringToBin(s, needFormat(from, to, o.format), target.subtype);
      }
      break;
    }
    case 'bool': {
      const b = v as boolean;
      switch (to) {
        case 'double': case 'int': return b ? 1 : 0;
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
        case 'double': return ms;
        case 'long': return Long.fromNumber(ms);
        case 'decimal': return Decimal128.fromString(String(ms));
        case 'string': return formatDate(ISO_FORMAT_Z, ms, UTC);
      }
      break;
    }
    case 'long': {
      const l = v as Long;
      switch (to) {
        case 'long': return l;
        case 'double': return l.toNumber();
        case 'int': return longToInt(l);
        case 'decimal': return Decimal128.fromString(l.toString());
        case 'string': return l.toString();
        case 'date': return toDateValue(l.toNumber());
        case 'binData': return numberToBin('long', l.toBigInt(), o.byteOrder, target.subtype ?? 0);
      }
      break;
    }
    case 'decimal': {
      const d = v as Decimal128;
      switch (to) {
        case 'decimal': return d;
        case 'double': return decimalToDouble(d);
        case 'int': return decimalToInt(d);
        case 'long': return decimalToLong(d);
        case 'string': return d.toString();
        case 'date': return toDateValue(decimalToLong(d).toNumber());
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
        case 'int': case 'long': case 'double': return binToNumber(b, to, o.byteOrder);
      }
      break;
    }
  }
  throw unsupported(from, to);
}
