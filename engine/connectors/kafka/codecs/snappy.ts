/**
 * Kafka's snappy codec. Java clients and brokers frame snappy the way snappy-java's
 * SnappyOutputStream does (the "xerial" stream: a 16-byte header, then length-prefixed blocks);
 * we write that framing so every consumer reads our batches, and read both it and a bare snappy
 * block (what some non-Java producers send).
 * https://kafka.apache.org/documentation/#producerconfigs_compression.type
 */
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappyjs';

const MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const HEADER = Buffer.concat([MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
/** snappy-java's default block size. */
const BLOCK = 32 * 1024;

export function snappyEncode(input: Buffer): Buffer {
  const parts: Buffer[] = [HEADER];
  for (let at = 0; at < input.length; at += BLOCK) {
    const block = snappyCompress(input.subarray(at, Math.min(at + BLOCK, input.length)));
    const len = Buffer.allocUnsafe(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

export function snappyDecode(input: Buffer): Buffer {
  if (input.length < HEADER.length || !input.subarray(0, MAGIC.length).equals(MAGIC)) return snappyUncompress(input);
  const parts: Buffer[] = [];
  let at = HEADER.length;
  while (at < input.length) {
    if (at + 4 > input.length) throw new Error('truncated snappy block header');
    const len = input.readInt32BE(at);
    at += 4;
    if (len < 0 || at + len > input.length) throw new Error('truncated snappy block');
    parts.push(snappyUncompress(input.subarray(at, at + len)));
    at += len;
  }
  return Buffer.concat(parts);
}
