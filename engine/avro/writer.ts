/**
 * Writing Avro's binary primitives into a growable buffer: zig-zag varints (int, and long
 * from a bigint or a safe-integer number), little-endian float and double, length-prefixed
 * bytes and UTF-8 strings.
 */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const HALF_SAFE = 2n ** 52n - 1n;

export class ByteWriter {
  private buf: Buffer;
  pos = 0;

  constructor(initial = 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** The bytes written so far, as a copy (the writer may be reused). */
  result(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  writeBoolean(b: boolean): void {
    this.room(1);
    this.buf[this.pos++] = b ? 1 : 0;
  }

  /** An unsigned varint of a non-negative safe integer. */
  private varint(n: number): void {
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  writeInt(n: number): void {
    this.varint(((n << 1) ^ (n >> 31)) >>> 0);
  }

  /** A long from a safe integer number. */
  writeLongNumber(n: number): void {
    // Zig-zag without 32-bit operators: 2n for n >= 0, -2n - 1 below.
    const z = n >= 0 ? n * 2 : -n * 2 - 1;
    if (Number.isSafeInteger(z)) this.varint(z);
    else this.writeLong(BigInt(n));
  }

  /** A long from a bigint in the signed 64-bit range. */
  writeLong(n: bigint): void {
    // Most longs are small: zig-zag them as numbers, bigint arithmetic only beyond 2^52.
    if (n <= HALF_SAFE && n >= -HALF_SAFE) {
      this.writeLongNumber(Number(n));
      return;
    }
    let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
    if (z <= SAFE) {
      this.varint(Number(z));
      return;
    }
    this.room(10);
    while (z >= 0x80n) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buf[this.pos++] = Number(z);
  }

  writeFloat(x: number): void {
    this.room(4);
    this.buf.writeFloatLE(x, this.pos);
    this.pos += 4;
  }

  writeDouble(x: number): void {
    this.room(8);
    this.buf.writeDoubleLE(x, this.pos);
    this.pos += 8;
  }

  /** Raw bytes with no length (fixed). */
  writeFixed(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  writeBytes(b: Uint8Array): void {
    this.varint(b.length * 2);
    this.writeFixed(b);
  }

  writeString(s: string): void {
    // Short ASCII strings are copied byte by byte; Buffer's native UTF-8 writer costs more to call.
    const len = s.length;
    if (len < 32) {
      this.room(len + 1);
      const start = this.pos;
      this.buf[this.pos++] = len * 2;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        this.buf[this.pos++] = c;
      }
      if (i === len) return;
      this.pos = start;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n * 2);
    this.room(n);
    this.buf.write(s, this.pos, n, 'utf8');
    this.pos += n;
  }
}
