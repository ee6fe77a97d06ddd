/** Kafka snappy/lz4/zstd codecs and the key hash that routes $merge lanes: tables of [input, expected]. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { compress as rawSnappy } from 'snappyjs';
import { compress as lz4jsFrame } from 'lz4js';
import { lz4Decode, lz4Encode } from '../../../engine/connectors/kafka/codecs/lz4';
import { snappyDecode, snappyEncode } from '../../../engine/connectors/kafka/codecs/snappy';
import { zstdDecode, zstdEncode } from '../../../engine/connectors/kafka/codecs/zstd';
import { compressionType } from '../../../engine/connectors/kafka/codecs';
import { hashValue } from '../../../engine/connectors/keyHash';
import { CompressionTypes } from 'kafkajs';

const text = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i % 90 < 60 ? 97 + (i % 5) : (i * 131) & 255)));
const SIZES: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['one byte', Buffer.from([7])],
  ['shorter than a match', Buffer.from('abcabcabc')],
  ['1 KiB', text(1024)],
  ['several blocks (200 KiB)', text(200 * 1024)],
  ['incompressible', Buffer.from(Array.from({ length: 5000 }, (_, i) => (Math.imul(i, 2654435761) >>> 13) & 255))],
];

describe('Kafka compression codecs round-trip', () => {
  for (const [name, input] of SIZES) {
    it(name, async () => {
      assert.deepEqual(snappyDecode(snappyEncode(input)), input);
      assert.deepEqual(lz4Decode(lz4Encode(input)), input);
      assert.deepEqual(zstdDecode(await zstdEncode(input)), input);
    });
  }
});

describe('Kafka compression codecs: wire formats', () => {
  it('snappy writes the xerial framing Java clients use, and reads bare snappy too', () => {
    const framed = snappyEncode(text(100));
    assert.deepEqual([...framed.subarray(0, 16)], [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    assert.deepEqual(snappyDecode(rawSnappy(text(3000))), text(3000));
  });

  it('lz4 writes independent 64 KiB blocks with a valid header checksum', () => {
    const f = lz4Encode(text(10));
    assert.equal(f.readUInt32LE(0), 0x184d2204);
    assert.equal(f[4], 0x60, 'version 1, independent blocks, no checksums, no content size');
    assert.equal(f[5], 0x40, '64 KiB blocks');
    assert.equal(f[6], 0x82, 'xxh32(FLG, BD) >> 8');
  });

  it('lz4 reads frames from other writers: dependent blocks, 4 MiB block size, a content size', () => {
    const input = text(70_000);
    assert.deepEqual(lz4Decode(Buffer.from(lz4jsFrame(input))), input);
    const plain = lz4Encode(input);
    const size = Buffer.alloc(8);
    size.writeUInt32LE(input.length, 0);
    const withSize = Buffer.concat([plain.subarray(0, 4), Buffer.from([plain[4]! | 0x08, plain[5]!]), size, plain.subarray(6)]);
    assert.deepEqual(lz4Decode(withSize), input);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['lz4 bad magic', () => lz4Decode(Buffer.from('not lz4 at all')), /bad magic/],
    ['lz4 truncated', () => lz4Decode(lz4Encode(text(5000)).subarray(0, 40)), /truncated/],
    ['snappy truncated framing', () => snappyDecode(snappyEncode(text(5000)).subarray(0, 30)), /truncated/],
    ['zstd garbage', () => zstdDecode(Buffer.from('definitely not zstd')), /./],
  ];
  for (const [name, f, re] of bad) it(`refuses: ${name}`, () => assert.throws(f, re));

  const types: [string | undefined, CompressionTypes][] = [
    [undefined, CompressionTypes.None], ['none', CompressionTypes.None], ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy], ['lz4', CompressionTypes.LZ4], ['zstd', CompressionTypes.ZSTD],
  ];
  it('maps compression_type names to kafkajs types', () => {
    for (const [name, t] of types) assert.equal(compressionType(name), t, String(name));
  });
});

describe('hashValue (lane routing)', () => {
  const oid = new ObjectId();
  const equal: [string, unknown, unknown][] = [
    ['int and double', 1, 1.0],
    ['int and Long', 1, Long.fromNumber(1)],
    ['int and Int32', 7, new Int32(7)],
    ['double and Double', 2.5, new Double(2.5)],
    ['int and Decimal128', 3, new Decimal128('3.0')],
    ['bigint and int', 5n, 5],
    ['0 and -0', 0, -0],
    ['NaN and NaN', NaN, Number.NaN],
    ['ObjectId copies', oid, new ObjectId(oid.toHexString())],
    ['null and missing', null, undefined],
    ['equal documents', { a: 1, b: 'x' }, { a: Long.fromInt(1), b: 'x' }],
    ['equal dates', new Date(5), new Date(5)],
  ];
  for (const [name, a, b] of equal) it(`same hash: ${name}`, () => assert.equal(hashValue(a), hashValue(b)));
  const differ: [string, unknown, unknown][] = [
    ['1 and 2', 1, 2],
    ['number and string', 1, '1'],
    ['strings', 'a', 'b'],
    ['field order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['array and scalar', [1], 1],
    ['true and false', true, false],
  ];
  for (const [name, a, b] of differ) it(`different hash: ${name}`, () => assert.notEqual(hashValue(a), hashValue(b)));
});
