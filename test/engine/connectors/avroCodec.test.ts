/**
 * The Avro codec without a registry: the Confluent frame, the Avro <-> BSON mapping (every
 * primitive, complex and logical type, both ways), path-naming errors, subject strategies,
 * and an avsc type built independently of the codec reading what the codec writes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as avro from 'avsc';
import { Binary, Decimal128, Int32, Long, ObjectId } from 'bson';
import { avroType, schemaText } from '../../../engine/connectors/schemaRegistry/avroTypes';
import { decodeAvro } from '../../../engine/avro/decode';
import { encodeAvro } from '../../../engine/avro/encode';
import { fromBson } from '../../../engine/connectors/schemaRegistry/fromBson';
import { MappingError, toBson } from '../../../engine/connectors/schemaRegistry/toBson';
import { decimalFromBytes, decimalToBytes } from '../../../engine/connectors/schemaRegistry/logical';
import { frame, unframe } from '../../../engine/connectors/schemaRegistry/wireFormat';
import { AvroDecodeError, AvroEncodeError } from '../../../engine/connectors/schemaRegistry/errors';
import { valueSubject } from '../../../engine/connectors/schemaRegistry/subjects';
import { resolveSchemaRegistryConnection, type SchemaRegistryConnection } from '../../../engine/connectors/schemaRegistry/connection';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';
import { ExprError } from '../../../engine/core/errors';
import type { Value } from '../../../engine/core/types';

const UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** BSON -> Avro bytes -> BSON through the codec's own type. */
function roundTrip(schema: object | string, v: Value): Value {
  const t = avroType(schema);
  return toBson(t, decodeAvro(t, encodeAvro(t, fromBson(t, v))));
}

describe('Confluent wire format', () => {
  it('frames and unframes: magic byte 0, big-endian schema id, body', () => {
    const f = frame(0x01020304, Buffer.from([9, 8]));
    assert.deepEqual([...f], [0, 1, 2, 3, 4, 9, 8]);
    const u = unframe(f);
    assert.equal(u.schemaId, 0x01020304);
    assert.deepEqual([...u.body], [9, 8]);
    assert.equal(unframe(frame(0xffffffff, Buffer.alloc(0))).schemaId, 0xffffffff);
  });

  const bad: [string, Buffer, RegExp][] = [
    ['bad magic byte (a JSON value)', Buffer.from('{"a":1}'), /unknown magic byte 0x7b/],
    ['truncated header', Buffer.from([0, 0, 1]), /3 bytes long, shorter than its 5-byte header/],
    ['empty', Buffer.alloc(0), /empty/],
  ];
  for (const [name, buf, re] of bad) {
    it(`rejects ${name} with a typed, dead-letterable error`, () => {
      assert.throws(() => unframe(buf), (e: unknown) => e instanceof AvroDecodeError && e instanceof ExprError && e.domain === 'user' && re.test(e.message));
    });
  }
});

describe('Avro -> BSON -> Avro', () => {
  const cases: [string, object | string, Value, Value?][] = [
    ['null', 'null', null],
    ['boolean', 'boolean', true],
    ['int', 'int', -7],
    ['long keeps all 64 bits', 'long', Long.fromString('9223372036854775807')],
    ['float', 'float', 1.5],
    ['double', 'double', 2.25],
    ['string', 'string', 'héllo'],
    ['bytes -> binData', 'bytes', new Binary(Buffer.from([1, 2, 3]))],
    ['fixed -> binData', { type: 'fixed', name: 'F4', size: 4 }, new Binary(Buffer.from([1, 2, 3, 4]))],
    ['enum -> string', { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] }, 'GREEN'],
    ['array', { type: 'array', items: 'int' }, [1, 2, 3]],
    ['map -> document', { type: 'map', values: 'string' }, { a: 'x', b: 'y' }],
    ['union with null: null', ['null', 'string'], null],
    ['union with null: value', ['null', 'string'], 's'],
    ['union of two records', ['null', { type: 'record', name: 'A', fields: [{ name: 'a', type: 'int' }] }, { type: 'record', name: 'B', fields: [{ name: 'b', type: 'string' }] }], { b: 'x' }],
    ['timestamp-millis -> date', { type: 'long', logicalType: 'timestamp-millis' }, new Date('2024-05-06T07:08:09.123Z')],
    ['timestamp-micros -> date', { type: 'long', logicalType: 'timestamp-micros' }, new Date('1969-12-31T23:59:59.999Z')],
    ['local-timestamp-millis -> date', { type: 'long', logicalType: 'local-timestamp-millis' }, new Date('2024-01-01T00:00:00Z')],
    ['date -> date at midnight UTC', { type: 'int', logicalType: 'date' }, new Date('2024-02-29T00:00:00Z')],
    ['time-millis stays an int', { type: 'int', logicalType: 'time-millis' }, 3_600_000],
    ['time-micros stays a long', { type: 'long', logicalType: 'time-micros' }, Long.fromNumber(3_600_000_000)],
    ['decimal bytes -> Decimal128', { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 }, Decimal128.fromString('-1234567.89')],
    ['decimal fixed -> Decimal128', { type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 4 }, Decimal128.fromString('12.5000')],
    ['uuid -> binData subtype 4', { type: 'string', logicalType: 'uuid' }, new Binary(Buffer.from(UUID.replace(/-/g, ''), 'hex'), 4)],
    ['misapplied logical type keeps its underlying type', { type: 'string', logicalType: 'timestamp-millis' }, 'not a date'],
    ['unknown logical type keeps its underlying type', { type: 'long', logicalType: 'nanos' }, Long.fromNumber(5)],
  ];
  for (const [name, schema, v, expected] of cases) {
    it(name, () => {
      assert.deepEqual(roundTrip(schema, v), expected ?? v);
    });
  }

  it('a record with nested records, arrays, maps, unions and logical types becomes a plain document', () => {
    const schema = {
      type: 'record', name: 'Order', namespace: 'shop', fields: [
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } },
        { name: 'tags', type: { type: 'map', values: 'long' } },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const doc = {
      id: new Binary(Buffer.from(UUID.replace(/-/g, ''), 'hex'), 4),
      at: new Date('2025-01-02T03:04:05.006Z'),
      total: Decimal128.fromString('19.99'),
      lines: [{ sku: 'a', qty: 2 }],
      tags: { x: Long.fromNumber(1) },
      note: null,
    };
    const back = roundTrip(schema, doc) as Record<string, Value>;
    assert.deepEqual(back, doc);
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.equal(Object.getPrototypeOf((back['lines'] as Value[])[0]), Object.prototype);
  });
});

describe('BSON -> Avro conversions', () => {
  const t = (s: object | string) => avroType(s);
  it('numbers convert when no digit is lost', () => {
    assert.equal(fromBson(t('int'), new Int32(5)), 5);
    assert.equal(fromBson(t('int'), Long.fromNumber(7)), 7);
    assert.equal(fromBson(t('long'), 3), 3n);
    assert.equal(fromBson(t('double'), Long.fromNumber(2)), 2);
    assert.equal(fromBson(t('double'), Decimal128.fromString('0.5')), 0.5);
    assert.equal(fromBson(t('long'), new Date(1000)), 1000n);
  });
  it('an ObjectId is written to a string as its hex, a UUID string to uuid', () => {
    const oid = new ObjectId('65a1b2c3d4e5f60718293a4b');
    assert.equal(fromBson(t('string'), oid), '65a1b2c3d4e5f60718293a4b');
    assert.equal(fromBson(t({ type: 'string', logicalType: 'uuid' }), UUID.toUpperCase()), UUID);
  });
  it('numbers and longs go to decimal at the schema scale', () => {
    const d = { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 };
    assert.deepEqual(roundTrip(d, 12), Decimal128.fromString('12.00'));
    assert.deepEqual(roundTrip(d, 1.5), Decimal128.fromString('1.50'));
    assert.deepEqual(roundTrip(d, Long.fromNumber(-3)), Decimal128.fromString('-3.00'));
    assert.deepEqual(roundTrip(d, Decimal128.fromString('1.2E+3')), Decimal128.fromString('1200.00'));
  });
  it('a missing field takes its default, or null in a union with null', () => {
    const s = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', default: 4 }, { name: 'b', type: ['null', 'string'] }] };
    assert.deepEqual(roundTrip(s, {}), { a: 4, b: null });
  });
  it('document fields the schema does not name are not written', () => {
    const s = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] };
    assert.deepEqual(roundTrip(s, { a: 1, _ts: new Date(0), extra: 'x' }), { a: 1 });
  });

  const bad: [string, object | string, Value, RegExp][] = [
    ['a string for an int', { type: 'record', name: 'R', fields: [{ name: 'n', type: 'int' }] }, { n: 'x' }, /^field 'n': expected an int \(32-bit integer\), found string$/],
    ['a fraction for an int', 'int', 1.5, /expected an int/],
    ['an int beyond 32 bits', 'int', 2 ** 31, /expected an int/],
    ['a missing required field', { type: 'record', name: 'R', fields: [{ name: 'n', type: 'int' }] }, {}, /^field 'n': is missing, and the schema gives it no default$/],
    ['an unknown enum symbol, with the path through an array', { type: 'record', name: 'R', fields: [{ name: 'c', type: { type: 'array', items: { type: 'enum', name: 'E', symbols: ['A'] } } }] }, { c: ['A', 'Z'] }, /^field 'c\[1\]': 'Z' is not a symbol of enum E \(A\)$/],
    ['a value no union branch takes', ['null', 'int', 'boolean'], 'x', /string matches no branch of the union \(int: expected an int.*; boolean: expected a boolean/],
    ['binData of the wrong size for fixed', { type: 'fixed', name: 'F', size: 2 }, new Binary(Buffer.from([1])), /1 bytes does not fit fixed F of 2 bytes/],
    ['too many fraction digits for a decimal', { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }, Decimal128.fromString('1.234'), /more fraction digits than the schema's scale 2/],
    ['too many digits for a decimal', { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 }, 123.4, /more than the schema's precision 4/],
    ['a binData that is not a UUID', { type: 'string', logicalType: 'uuid' }, new Binary(Buffer.from([1, 2])), /uuid: binData subtype 0 of 2 bytes is not a UUID/],
    ['a nested object for a map of ints', { type: 'map', values: 'int' }, { a: { b: 1 } }, /^field 'a': expected an int/],
  ];
  for (const [name, schema, v, re] of bad) {
    it(`rejects ${name}, naming the field`, () => {
      assert.throws(() => fromBson(avroType(schema), v), (e: unknown) => e instanceof MappingError && re.test(e.message));
    });
  }
});

describe('decimal bytes', () => {
  it('are minimal two\'s complement, big-endian', () => {
    assert.deepEqual([...decimalToBytes('1.28', 3, 2)], [0x00, 0x80]);
    assert.deepEqual([...decimalToBytes('-1.28', 3, 2)], [0x80]);
    assert.deepEqual([...decimalToBytes('-1.29', 3, 2)], [0xff, 0x7f]);
    assert.deepEqual([...decimalToBytes('0', 1, 0)], [0x00]);
    assert.deepEqual([...decimalToBytes('-1', 1, 0, 4)], [0xff, 0xff, 0xff, 0xff]);
    assert.equal(decimalFromBytes(Buffer.from([0xff, 0x7f]), 2).toString(), '-1.29');
  });
});

describe('an independent avsc reader and writer', () => {
  const schema = {
    type: 'record', name: 'Reading', namespace: 'iot', fields: [
      { name: 'sensor', type: 'string' },
      { name: 'value', type: 'double' },
      { name: 'count', type: 'long' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'flag', type: ['null', 'boolean'], default: null },
    ],
  };
  it('reads what the codec writes, and the codec reads what it writes', () => {
    const ours = avroType(schema);
    const plain = avro.Type.forSchema(schema as avro.Schema); // avsc's defaults: no logical types, unwrapped unions
    const at = new Date('2024-03-04T05:06:07.008Z');
    const bytes = encodeAvro(ours, fromBson(ours, { sensor: 's1', value: 2.5, count: Long.fromNumber(42), at, flag: true }));
    assert.deepEqual({ ...plain.fromBuffer(bytes) }, { sensor: 's1', value: 2.5, count: 42, at: at.getTime(), flag: true });
    const theirs = plain.toBuffer({ sensor: 's2', value: -1, count: 7, at: 0, flag: null });
    assert.deepEqual(toBson(ours, decodeAvro(ours, theirs)), { sensor: 's2', value: -1, count: Long.fromNumber(7), at: new Date(0), flag: null });
  });
  it('schema text keeps decimal precision and scale', () => {
    const s = JSON.parse(schemaText(avroType({ type: 'bytes', logicalType: 'decimal', precision: 5, scale: 1 }))) as Record<string, unknown>;
    assert.deepEqual(s, { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 1 });
  });
});

describe('subject name strategies', () => {
  it('TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy', () => {
    assert.equal(valueSubject('TopicNameStrategy', 'orders', 'shop.Order'), 'orders-value');
    assert.equal(valueSubject('RecordNameStrategy', 'orders', 'shop.Order'), 'shop.Order');
    assert.equal(valueSubject('TopicRecordNameStrategy', 'orders', 'shop.Order'), 'orders-shop.Order');
  });
  it('record strategies need a named schema', () => {
    assert.throws(() => valueSubject('RecordNameStrategy', 't', undefined), (e: unknown) => e instanceof AvroEncodeError && /needs a named value schema/.test(e.message));
  });
});

describe('SchemaRegistry connection', () => {
  it('checks the Atlas shape (the kind\'s field table, through the registry loader)', () => {
    const codes = (entry: object) => loadConnectionRegistryText(JSON.stringify([{ name: 'sr', type: 'SchemaRegistry', ...entry }])).diagnostics.map((d) => d.message);
    assert.deepEqual(codes({ provider: 'CONFLUENT', schemaRegistryUrls: ['http://127.0.0.1:1'], schemaRegistryAuthentication: { type: 'USER_INFO', username: 'u', password: '${env:P}' } }), []);
    assert.deepEqual(codes({ provider: 'X', schemaRegistryUrls: [], schemaRegistryAuthentication: { type: 'OAUTH' } }), [
      "'provider' of a SchemaRegistry connection must be one of CONFLUENT",
      "'schemaRegistryAuthentication.type' of a SchemaRegistry connection must be one of USER_INFO, SASL_INHERIT",
      'schemaRegistryUrls must hold at least one URL',
    ]);
    assert.deepEqual(codes({ schemaRegistryUrls: ['ftp://user:secret@host'] }), ['schemaRegistryUrls[0] must be an http(s) URL or a ${env:NAME} reference']);
    // The name atlas-interop.md and the first version of this connector used is read as an alias.
    const r = loadConnectionRegistryText(JSON.stringify([{ name: 'sr', type: 'SchemaRegistry', schemaRegistryUrls: ['http://h:1'], authentication: { type: 'SASL_INHERIT' } }]));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual((r.registry.get('sr') as SchemaRegistryConnection).schemaRegistryAuthentication, { type: 'SASL_INHERIT' });
  });
  it('resolves ${env:…} credentials and names the field, never the value, when one is unset', () => {
    const c: SchemaRegistryConnection = { name: 'sr', type: 'SchemaRegistry', schemaRegistryUrls: ['http://127.0.0.1:8081/'], schemaRegistryAuthentication: { type: 'USER_INFO', username: '${env:SR_USER}', password: '${env:SR_PASS}' } };
    assert.deepEqual(resolveSchemaRegistryConnection(c, { SR_USER: 'alice', SR_PASS: 'pw1' }), { urls: ['http://127.0.0.1:8081'], credentials: { username: 'alice', password: 'pw1' } });
    assert.throws(() => resolveSchemaRegistryConnection(c, { SR_USER: 'alice' }), (e: unknown) => e instanceof Error && /'sr': schemaRegistryAuthentication.password: environment variable SR_PASS is not set/.test(e.message) && !e.message.includes('alice'));
    const inherit: SchemaRegistryConnection = { name: 'sr', type: 'SchemaRegistry', schemaRegistryUrls: ['http://127.0.0.1:1'], schemaRegistryAuthentication: { type: 'SASL_INHERIT' } };
    assert.deepEqual(resolveSchemaRegistryConnection(inherit, {}, { username: 'k', password: 'kp' }).credentials, { username: 'k', password: 'kp' });
    assert.throws(() => resolveSchemaRegistryConnection(inherit, {}), /SASL_INHERIT needs a Kafka connection with a SASL username and password/);
  });
});
