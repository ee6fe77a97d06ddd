/**
 * engine/avro binary encoding edge cases from the Avro 1.11 specification, each checked
 * against hand-written bytes and, where avsc can write or read them, against avsc: zig-zag
 * varints, longs beyond 2^53, blocks with negative counts, unions with null, nested records,
 * a recursive linked list, decimals with scale (through the Schema Registry's BSON mapping),
 * and malformed or truncated input, which ends in a clear error and never a hang.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Long } from 'bson';
import { decodeAvro, MAX_DEPTH } from '../../../engine/avro/decode';
import { encodeAvro } from '../../../engine/avro/encode';
import { AvroDecodeDataError, AvroValueError } from '../../../engine/avro/errors';
import { parseAvroSchema } from '../../../engine/avro/parse';
import type { AvroValue } from '../../../engine/avro/types';
import { fromBson } from '../../../engine/connectors/schemaRegistry/fromBson';
import { toBson } from '../../../engine/connectors/schemaRegistry/toBson';
import { avscType } from '../../helpers/avsc';

const hex = (b: Buffer): string => b.toString('hex');
const bytes = (...xs: number[]): Buffer => Buffer.from(xs);

function decodeError(schema: unknown, b: Buffer, re: RegExp): void {
  assert.throws(() => decodeAvro(parseAvroSchema(schema), b), (e: unknown) => e instanceof AvroDecodeDataError && re.test(e.message), `${hex(b)} should fail with ${re}`);
}

describe('primitives', () => {
  it('zig-zag varints for int and long, as in the spec table', () => {
    const int = parseAvroSchema('int');
    const cases: [number, string][] = [[0, '00'], [-1, '01'], [1, '02'], [-2, '03'], [2, '04'], [-64, '7f'], [64, '8001'], [2 ** 31 - 1, 'feffffff0f'], [-(2 ** 31), 'ffffffff0f']];
    for (const [n, h] of cases) {
      assert.equal(hex(encodeAvro(int, n)), h, String(n));
      assert.equal(decodeAvro(int, Buffer.from(h, 'hex')), n);
    }
  });

  it('longs keep all 64 bits, beyond 2^53, as bigints and BSON Longs', () => {
    const long = parseAvroSchema('long');
    const theirs = avscType('long');
    for (const n of [2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123456789n]) {
      const b = encodeAvro(long, n);
      assert.equal(hex(b), hex(theirs.toBuffer(n)), String(n));
      assert.equal(decodeAvro(long, b), n);
      assert.deepEqual(toBson(long, decodeAvro(long, b)), Long.fromBigInt(n));
    }
    assert.equal(hex(encodeAvro(long, -(2n ** 63n))), 'ffffffffffffffffff01');
    assert.throws(() => encodeAvro(long, 2n ** 63n), (e: unknown) => e instanceof AvroValueError && /expected a long/.test(e.message));
  });

  it('float and double are little-endian IEEE 754; boolean is one byte', () => {
    assert.equal(hex(encodeAvro(parseAvroSchema('float'), 1.5)), '0000c03f');
    assert.equal(hex(encodeAvro(parseAvroSchema('double'), -2)), '00000000000000c0');
    assert.equal(hex(encodeAvro(parseAvroSchema('boolean'), true)), '01');
    decodeError('boolean', bytes(2), /a boolean byte must be 0 or 1, found 2/);
  });

  it('bytes and strings are length-prefixed; strings are UTF-8', () => {
    assert.equal(hex(encodeAvro(parseAvroSchema('string'), 'foo')), '06666f6f');
    assert.equal(hex(encodeAvro(parseAvroSchema('string'), 'é€')), '0ac3a9e282ac');
    assert.equal(decodeAvro(parseAvroSchema('string'), Buffer.from('0ac3a9e282ac', 'hex')), 'é€');
    assert.deepEqual(decodeAvro(parseAvroSchema('bytes'), bytes(4, 0xff, 0)), bytes(0xff, 0));
  });
});

describe('arrays and maps in blocks', () => {
  const arr = { type: 'array', items: 'int' };
  it('reads blocks with negative counts (followed by the block size in bytes), as avsc does', () => {
    // Two blocks: count -2 with size 2 ([1, 2]), then count 1 ([3]), then the end.
    const b = bytes(0x03, 0x04, 0x02, 0x04, 0x02, 0x06, 0x00);
    assert.deepEqual(decodeAvro(parseAvroSchema(arr), b), [1, 2, 3]);
    assert.deepEqual(avscType(arr).fromBuffer(b), [1, 2, 3]);
    const map = { type: 'map', values: 'string' };
    const m = bytes(0x01, 0x08, 0x02, 0x61, 0x02, 0x78, 0x00);
    assert.deepEqual(decodeAvro(parseAvroSchema(map), m), { a: 'x' });
  });
  it('writes one block and the end marker, the bytes avsc writes', () => {
    assert.equal(hex(encodeAvro(parseAvroSchema(arr), [1, 2])), '04020400');
    assert.equal(hex(encodeAvro(parseAvroSchema(arr), [])), '00');
    assert.equal(hex(encodeAvro(parseAvroSchema(arr), [1, 2])), hex(avscType(arr).toBuffer([1, 2])));
  });
  it('refuses a block count larger than the bytes left could hold, at once', () => {
    decodeError(arr, bytes(0xfe, 0xff, 0xff, 0xff, 0x0f, 0x02), /an array block of 2147483647 items cannot fit in the 1 bytes left/);
    decodeError({ type: 'array', items: 'null' }, bytes(0xfe, 0xff, 0xff, 0xff, 0x0f), /an array block of 2147483647 items cannot fit/);
    decodeError({ type: 'array', items: 'null' }, bytes(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f), /an array block count is out of range \(at byte 0\)/);
    decodeError(arr, bytes(0x03, 0x40, 0x02), /block of 32 bytes is longer than the 1 bytes left/);
  });
});

describe('unions, records and named types', () => {
  it('unions with null: the branch index, then the value', () => {
    const t = parseAvroSchema(['null', 'string']);
    assert.equal(hex(encodeAvro(t, null)), '00');
    assert.equal(hex(encodeAvro(t, { string: 'a' })), '020261');
    assert.deepEqual(decodeAvro(t, bytes(2, 2, 0x61)), { string: 'a' });
    decodeError(['null', 'string'], bytes(4), /union branch index 2 is out of range \(the union has 2 branches\)/);
    decodeError(['null', 'string'], bytes(1), /union branch index -1 is out of range/);
  });

  it('nested records are their fields in order; a record referenced by name reads the same', () => {
    const s = {
      type: 'record', name: 'Outer', namespace: 'a.b', fields: [
        { name: 'p', type: { type: 'record', name: 'Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }] } },
        { name: 'q', type: 'Point' },
        { name: 'r', type: 'a.b.Point' },
      ],
    };
    const v = { p: { x: 1, y: 2 }, q: { x: -1, y: 0 }, r: { x: 3, y: 4 } };
    const t = parseAvroSchema(s);
    assert.equal(hex(encodeAvro(t, v)), '020401000608');
    assert.equal(hex(encodeAvro(t, v)), hex(avscType(s).toBuffer(v)));
    assert.deepEqual(decodeAvro(t, encodeAvro(t, v)), v);
  });

  const LIST = { type: 'record', name: 'Node', fields: [{ name: 'value', type: 'long' }, { name: 'next', type: ['null', 'Node'] }] };
  const list = (n: number): AvroValue => {
    let v: AvroValue = null;
    for (let i = n - 1; i >= 0; i--) v = { value: BigInt(i), next: v === null ? null : { Node: v } };
    return v!;
  };
  it('a recursive linked list round-trips and matches avsc, also 900 nodes long', () => {
    const t = parseAvroSchema(LIST);
    for (const n of [1, 3, 900]) {
      const v = list(n);
      const b = encodeAvro(t, v);
      assert.equal(hex(b), hex(avscType(LIST).toBuffer(v)), `${n} nodes`);
      const back = decodeAvro(t, b);
      // Walked in a loop: assert.deepEqual itself recurses too deep for 900 levels.
      let node = back as { value: bigint; next: { Node: unknown } | null } | null;
      for (let i = 0; i < n; i++) {
        assert.equal(node!.value, BigInt(i));
        node = node!.next === null ? null : (node!.next.Node as typeof node);
      }
      assert.equal(node, null);
      assert.ok(encodeAvro(t, back).equals(b));
      if (n < 10) assert.deepEqual(back, v);
    }
  });
  it('input nesting deeper than the limit is refused with a clear error, not a stack overflow', () => {
    // value 0, branch 1 (another Node), repeated far beyond the limit.
    const deep = Buffer.alloc(2 * 100_000, Buffer.from([0x00, 0x02]));
    decodeError(LIST, deep, new RegExp(`the value nests deeper than ${MAX_DEPTH} levels`));
  });

  it('a missing field takes its default (a union default belongs to the first branch)', () => {
    const s = { type: 'record', name: 'D', fields: [{ name: 'a', type: 'int', default: 7 }, { name: 'b', type: ['string', 'null'], default: 'x' }, { name: 'c', type: 'bytes', default: '\u00ff' }, { name: 'd', type: 'long', default: 5 }] };
    const t = parseAvroSchema(s);
    assert.deepEqual(decodeAvro(t, encodeAvro(t, {})), { a: 7, b: { string: 'x' }, c: bytes(0xff), d: 5n });
    assert.equal(hex(encodeAvro(t, {})), hex(avscType(s).toBuffer({})));
  });

  it('enum symbols by index; fixed as raw bytes', () => {
    const e = { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] };
    assert.equal(hex(encodeAvro(parseAvroSchema(e), 'C')), '04');
    decodeError(e, bytes(6), /enum E has no symbol at index 3 \(it has 3\)/);
    const f = { type: 'fixed', name: 'F', size: 3 };
    assert.equal(hex(encodeAvro(parseAvroSchema(f), bytes(1, 2, 3))), '010203');
    decodeError(f, bytes(1, 2), /the data ends inside fixed F: it takes 3 byte\(s\), 2 left/);
  });
});

describe('decimals with scale, through the BSON mapping', () => {
  const cases: [object, string, string][] = [
    [{ type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 }, '123.45', '043039'],
    [{ type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 }, '-0.01', '02ff'],
    [{ type: 'bytes', logicalType: 'decimal', precision: 38, scale: 10 }, '-12345678901234567890.1234567890', ''],
    [{ type: 'fixed', name: 'Money', size: 4, logicalType: 'decimal', precision: 9, scale: 3 }, '-1.500', 'fffffa24'],
  ];
  for (const [schema, text, h] of cases) {
    it(`${JSON.stringify(schema)}: ${text}`, () => {
      const t = parseAvroSchema(schema);
      const b = encodeAvro(t, fromBson(t, Decimal128.fromString(text)));
      if (h) assert.equal(hex(b), h);
      const back = toBson(t, decodeAvro(t, b)) as Decimal128;
      assert.ok(back instanceof Decimal128);
      assert.equal(back.toString(), text);
    });
  }
});

describe('malformed and truncated input', () => {
  it('a varint that never ends, or is too long, is an error naming the offset', () => {
    decodeError('long', bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), /a long varint is longer than 10 bytes \(at byte 0\)/);
    decodeError('long', bytes(0xff, 0xff), /the data ends inside a long/);
    decodeError('int', bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x01), /an int varint is longer than 5 bytes/);
    decodeError('int', bytes(0xff, 0xff, 0xff, 0xff, 0x7f), /an int varint is beyond 32 bits/);
  });
  it('negative or too long lengths, and bytes left over', () => {
    decodeError('string', bytes(0x01), /a string length is negative \(-1\)/);
    decodeError('string', bytes(0x08, 0x61), /the data ends inside a string: it takes 4 byte\(s\), 1 left \(at byte 1\)/);
    decodeError('int', bytes(0x02, 0x00), /1 byte\(s\) are left over after the value \(at byte 1\)/);
    decodeError('double', bytes(0, 0, 0), /the data ends inside a double/);
    decodeError('null', bytes(0), /left over/);
  });
});
