/**
 * Kafka's lz4 codec: the LZ4 frame format (magic 0x184D2204) as Kafka's own
 * KafkaLZ4BlockOutputStream writes it: independent 64 KiB blocks, no checksums, no content size.
 * Kafka reads each block on its own, so blocks must not reference earlier ones. The reader accepts
 * any frame of format version 1 (dependent blocks, checksums and a content size are skipped).
 * https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md
 */
import { compressBlock, compressBound, decompressBlock } from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';

const MAGIC = 0x184d2204;
const FLG_VERSION = 0x40;
const FLG_INDEPENDENT = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_DICT_ID = 0x01;
const UNCOMPRESSED = 0x80000000;
const BLOCK = 64 * 1024;
const BD_64K = 4 << 4;
const BLOCK_SIZES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };

const descriptor = Buffer.from([FLG_VERSION | FLG_INDEPENDENT, BD_64K]);
const FRAME_HEADER = Buffer.alloc(7);
FRAME_HEADER.writeUInt32LE(MAGIC, 0);
descriptor.copy(FRAME_HEADER, 4);
FRAME_HEADER[6] = (xxh32(0, descriptor, 0, 2) >>> 8) & 0xff;

// Reused between calls: encoding is synchronous, so one table and scratch block suffice.
const hashTable = new Uint32Array(1 << 16);
const scratch = Buffer.alloc(compressBound(BLOCK));

export function lz4Encode(input: Buffer): Buffer {
  const parts: Buffer[] = [FRAME_HEADER];
  for (let at = 0; at < input.length; at += BLOCK) {
    const n = Math.min(BLOCK, input.length - at);
    const block = input.subarray(at, at + n);
    hashTable.fill(0);
    const size = compressBlock(block, scratch, 0, n, hashTable);
    const len = Buffer.allocUnsafe(4);
    if (size === 0 || size >= n) {
      len.writeUInt32LE((UNCOMPRESSED | n) >>> 0, 0);
      parts.push(len, block);
    } else {
      len.writeUInt32LE(size, 0);
      parts.push(len, Buffer.from(scratch.subarray(0, size)));
    }
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

export function lz4Decode(input: Buffer): Buffer {
  if (input.length < 7 || input.readUInt32LE(0) !== MAGIC) throw new Error('not an LZ4 frame (bad magic number)');
  const flg = input[4]!;
  if ((flg & 0xc0) !== FLG_VERSION) throw new Error(`unsupported LZ4 frame version ${flg >> 6}`);
  const maxBlock = BLOCK_SIZES[(input[5]! >> 4) & 7];
  if (maxBlock === undefined) throw new Error('invalid LZ4 block size');
  let at = 6 + (flg & FLG_CONTENT_SIZE ? 8 : 0) + (flg & FLG_DICT_ID ? 4 : 0) + 1;
  let out = Buffer.allocUnsafe(Math.max(input.length * 4, 1024));
  let end = 0;
  for (;;) {
    if (at + 4 > input.length) throw new Error('truncated LZ4 frame');
    const word = input.readUInt32LE(at);
    at += 4;
    if (word === 0) break;
    const size = (word & ~UNCOMPRESSED) >>> 0;
    if (at + size > input.length) throw new Error('truncated LZ4 block');
    // Dependent blocks copy from earlier output, so the output stays one growing buffer.
    if (end + maxBlock > out.length) {
      const grown = Buffer.allocUnsafe(Math.max(out.length * 2, end + maxBlock));
      out.copy(grown, 0, 0, end);
      out = grown;
    }
    if (word & UNCOMPRESSED) end += input.copy(out, end, at, at + size);
    else {
      end = decompressBlock(input, out, at, size, end);
      if (end > out.length) throw new Error('corrupt LZ4 block (decodes past its declared size)');
    }
    at += size + (flg & FLG_BLOCK_CHECKSUM ? 4 : 0);
  }
  if (flg & FLG_CONTENT_CHECKSUM && at + 4 > input.length) throw new Error('truncated LZ4 content checksum');
  return out.subarray(0, end);
}
