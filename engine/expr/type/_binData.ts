/**
 * Atlas Stream Processing's $convert extensions: binData <-> int/long/double with `byteOrder`,
 * and binData <-> string with `format` (base64, base64url, hex, uuid, utf8).
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-convert/
 */
import { Binary, Long } from 'bson';
import { ExprError } from '../../core/errors';
import { conversionFailure } from './_internal';

export type BinFormat = 'base64' | 'base64url' | 'hex' | 'uuid' | 'utf8' | 'auto';
export type ByteOrder = 'little' | 'big';
export const BIN_FORMATS: readonly string[] = ['base64', 'base64url', 'hex', 'uuid', 'utf8', 'auto'];
export const BYTE_ORDERS: readonly string[] = ['little', 'big'];
const UUID_SUBTYPE = 4;

export function bytesOf(b: Binary): Uint8Array {
  return b.buffer.subarray(0, b.position);
}

function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

/** How MongoDB prints a BinData value in messages. */
export function showBinData(b: Binary): string {
  return `BinData(${b.sub_type}, ${hexUpper(bytesOf(b))})`;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function invalidLength(b: Binary, len: number): ExprError {
  return conversionFailure(`Failed to convert '${showBinData(b)}' to number in $convert because of invalid length: ${len}`);
}

/** binData -> int (1, 2 or 4 bytes), long (1, 2, 4 or 8) or double (4 or 8), signed. */
export function binToNumber(b: Binary, to: 'int' | 'long' | 'double', order: ByteOrder): number | Long {
  const bytes = bytesOf(b);
  const le = order === 'little';
  const dv = view(bytes);
  const len = bytes.length;
  if (to === 'double') {
    if (len === 4) return dv.getFloat32(0, le);
    if (len === 8) return dv.getFloat64(0, le);
    throw invalidLength(b, len);
  }
  let n: number | undefined;
  if (len === 1) n = dv.getInt8(0);
  else if (len === 2) n = dv.getInt16(0, le);
  else if (len === 4) n = dv.getInt32(0, le);
  else if (len === 8 && to === 'long') return Long.fromBigInt(dv.getBigInt64(0, le));
  if (n === undefined) throw invalidLength(b, len);
  return to === 'long' ? Long.fromNumber(n) : n;
}

/** int -> 4 bytes, long -> 8, double -> 8 (IEEE 754), bool -> 1. */
export function numberToBin(kind: 'int' | 'long' | 'double' | 'bool', v: number | bigint | boolean, order: ByteOrder, subtype: number): Binary {
  const le = order === 'little';
  const size = kind === 'int' ? 4 : kind === 'bool' ? 1 : 8;
  const bytes = new Uint8Array(size);
  const dv = view(bytes);
  if (kind === 'int') dv.setInt32(0, v as number, le);
  else if (kind === 'long') dv.setBigInt64(0, v as bigint, le);
  else if (kind === 'double') dv.setFloat64(0, v as number, le);
  else bytes[0] = v ? 1 : 0;
  return new Binary(bytes, subtype);
}

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function decode(s: string, format: BinFormat): Uint8Array {
  switch (format) {
    case 'base64':
      if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('Invalid base64 string');
      return Buffer.from(s, 'base64');
    case 'base64url':
      if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s) || s.length % 4 === 1) throw new Error('Invalid base64url string');
      return Buffer.from(s, 'base64url');
    case 'hex':
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new Error('Invalid hex string');
      return Buffer.from(s, 'hex');
    case 'utf8':
      if (LONE_SURROGATE.test(s)) throw new Error(`Invalid UTF-8: ${s}`);
      return Buffer.from(s, 'utf8');
    default:
      if (!UUID_RE.test(s)) throw new Error(`Invalid UUID string: ${s}`);
      return Buffer.from(s.replace(/-/g, ''), 'hex');
  }
}

/**
 * string -> binData. A `uuid` format yields subtype 4; an explicit subtype must agree with it.
 */
export function stringToBin(s: string, format: BinFormat, subtype: number | undefined): Binary {
  const isUuid = format === 'uuid';
  try {
    if (subtype !== undefined && isUuid !== (subtype === UUID_SUBTYPE)) throw new Error("Only the 'uuid' format is allowed with the UUID subtype");
    const bytes = decode(s, format === 'auto' ? 'base64' : format);
    return new Binary(bytes, isUuid ? UUID_SUBTYPE : (subtype ?? 0));
  } catch (e) {
    throw conversionFailure(`Failed to parse BinData '${s}' in $convert with no onError value: ${(e as Error).message}`);
  }
}

function uuidString(bytes: Uint8Array): string {
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** binData -> string; `auto` ($toString) gives a UUID string for UUIDs, base64 otherwise. */
export function binToString(b: Binary, format: BinFormat): string {
  const bytes = bytesOf(b);
  const isUuid = b.sub_type === UUID_SUBTYPE && bytes.length === 16;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string): ExprError =>
    conversionFailure(`Failed to convert '${showBinData(b)}' to string in $convert with no onError value: ${reason}`);
  switch (format) {
    case 'auto':
      return isUuid ? uuidString(bytes) : buf.toString('base64');
    case 'base64':
      return buf.toString('base64');
    case 'base64url':
      return buf.toString('base64url');
    case 'hex':
      return hexUpper(bytes);
    case 'utf8':
      try {
        return utf8.decode(bytes);
      } catch {
        throw fail('BinData does not represent a valid UTF-8 string');
      }
    case 'uuid':
      if (!isUuid) throw fail('BinData does not represent a valid UUID');
      return uuidString(bytes);
  }
}

/** binData -> binData keeps the bytes; the subtype cannot change. */
export function binToBin(b: Binary, subtype: number | undefined): Binary {
  if (subtype !== undefined && subtype !== b.sub_type) throw conversionFailure('Conversions between different BinData subtypes are not supported');
  return b;
}
