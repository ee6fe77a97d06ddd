/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian unsigned
 * integer, then the Avro binary body.
 */
import { AvroDecodeError } from './errors';

export const MAGIC_BYTE = 0;
export const HEADER_SIZE = 5;

export interface Framed {
  schemaId: number;
  body: Buffer;
}

/** Split a framed value; throws AvroDecodeError naming what is wrong with the frame. */
export function unframe(buf: Buffer): Framed {
  if (buf.length === 0) throw new AvroDecodeError('the message value is empty, not a Confluent wire-format frame');
  if (buf[0] !== MAGIC_BYTE) {
    throw new AvroDecodeError(`unknown magic byte 0x${buf[0]!.toString(16).padStart(2, '0')} (a Confluent wire-format frame starts with 0x00)`);
  }
  if (buf.length < HEADER_SIZE) throw new AvroDecodeError(`the frame is ${buf.length} bytes long, shorter than its ${HEADER_SIZE}-byte header (magic byte + schema id)`);
  return { schemaId: buf.readUInt32BE(1), body: buf.subarray(HEADER_SIZE) };
}

export function frame(schemaId: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER_SIZE + body.length);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  body.copy(out, HEADER_SIZE);
  return out;
}
