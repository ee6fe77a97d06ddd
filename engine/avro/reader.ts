/**
 * Reading Avro's binary primitives (spec "Binary Encoding") from a buffer, with a bounds check
 * on every read: zig-zag varints (int in 32 bits, long in 64 bits as bigint), little-endian
 * float and double, length-prefixed bytes and UTF-8 strings. A read past the end, a varint that
 * is too long or a negative length throws AvroDecodeDataError with the byte offset.
 */
import { AvroDecodeDataError } from './errors';

const TWO_32 = 2 ** 32;

export class ByteReader {
  pos = 0;
  /** Nesting depth of records, arrays and maps being read (guards the stack). */
  depth = 0;

  constructor(readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  fail(reason: string, at = this.pos): never {
    throw new AvroDecodeDataError(at, reason);
  }

  /** `need` is the size of the whole item being read at `pos`. */
  private truncated(what: string, need: number): never {
    return this.fail(`the data ends inside ${what}: it takes ${need} byte(s), ${this.remaining} left`);
  }

  private byte(what: string): number {
    if (this.pos >= this.buf.length) this.truncated(what, 1);
    return this.buf[this.pos++]!;
  }

  readBoolean(): boolean {
    const at = this.pos;
    const b = this.byte('a boolean');
    if (b > 1) this.fail(`a boolean byte must be 0 or 1, found ${b}`, at);
    return b === 1;
  }

  readInt(): number {
    const at = this.pos;
    let b = this.byte('an int');
    let n = b & 0x7f;
    let mul = 128;
    while (b & 0x80) {
      if (mul > 2 ** 28) this.fail('an int varint is longer than 5 bytes', at);
      b = this.byte('an int');
      n += (b & 0x7f) * mul;
      mul *= 128;
    }
    if (n >= TWO_32) this.fail('an int varint is beyond 32 bits', at);
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  }

  /** A long, all 64 bits, as a bigint. */
  readLong(): bigint {
    const at = this.pos;
    let b = this.byte('a long');
    let n = b & 0x7f;
    let mul = 128;
    // Up to 7 bytes (49 bits) the sum is exact in a double; longer varints continue as bigint.
    while (b & 0x80) {
      if (mul === 2 ** 49) return this.readLongTail(BigInt(n), at);
      b = this.byte('a long');
      n += (b & 0x7f) * mul;
      mul *= 128;
    }
    return BigInt(n % 2 === 1 ? -(n + 1) / 2 : n / 2);
  }

  private readLongTail(acc: bigint, at: number): bigint {
    let shift = 49n;
    let b: number;
    do {
      if (shift > 63n) this.fail('a long varint is longer than 10 bytes', at);
      b = this.byte('a long');
      acc |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (acc >> 64n !== 0n) this.fail('a long varint is beyond 64 bits', at);
    return (acc >> 1n) ^ -(acc & 1n);
  }

  /**
   * A count or length: a long read as a JS number (no bigint on this hot path). Sizes beyond
   * 2^48 cannot describe data in a buffer, so a longer varint is refused as out of range.
   */
  readSize(what: string, signed = false): number {
    const at = this.pos;
    const buf = this.buf;
    let b = this.byte(what);
    let n = b & 0x7f;
    let mul = 128;
    while (b & 0x80) {
      if (mul === 2 ** 49) this.fail(`${what} is out of range`, at);
      if (this.pos >= buf.length) this.truncated(what, 1);
      b = buf[this.pos++]!;
      n += (b & 0x7f) * mul;
      mul *= 128;
    }
    const v = n % 2 === 1 ? -(n + 1) / 2 : n / 2;
    if (v < 0 && !signed) this.fail(`${what} is negative (${v})`, at);
    return v;
  }

  readFloat(): number {
    if (this.remaining < 4) this.truncated('a float', 4);
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }

  readDouble(): number {
    if (this.remaining < 8) this.truncated('a double', 8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** `n` raw bytes, copied (the caller's buffer may be reused). */
  readFixed(n: number, what: string): Buffer {
    if (this.remaining < n) this.truncated(what, n);
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  readBytes(): Buffer {
    const n = this.readSize('a bytes length');
    return this.readFixed(n, 'bytes');
  }

  readString(): string {
    const n = this.readSize('a string length');
    if (this.remaining < n) this.truncated('a string', n);
    const start = this.pos;
    const end = start + n;
    this.pos = end;
    // Short ASCII strings are faster built here than through Buffer's native decoder.
    if (n < 24) {
      let s = '';
      for (let i = start; i < end; i++) {
        const c = this.buf[i]!;
        if (c >= 0x80) return this.buf.toString('utf8', start, end);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.buf.toString('utf8', start, end);
  }
}
