/** Kafka value/key/header decoding and encoding: tables of [input, expected]. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { decodeHeaders, decodeKey, decodeValue, type KeyFormat } from '../../../engine/connectors/kafka/decode';
import { encodeHeaders, encodeKey, encodeValue } from '../../../engine/connectors/kafka/encode';
import type { Value } from '../../../engine/core/types';
import { toRelaxedJSON } from '../../../engine/json/ejson';

describe('decodeValue', () => {
  const cases: [string, Buffer | null, Value | RegExp][] = [
    ['relaxed JSON', Buffer.from('{"a": 1, "b": "x"}'), { a: 1, b: 'x' }],
    ['relaxed Extended JSON date', Buffer.from('{"t": {"$date": "2024-01-01T00:00:00Z"}}'), { t: new Date('2024-01-01T00:00:00Z') }],
    ['canonical Extended JSON long', Buffer.from('{"n": {"$numberLong": "5"}}'), { n: Long.fromNumber(5) }],
    ['Confluent prefix stripped', Buffer.concat([Buffer.from([0, 0, 0, 0, 1]), Buffer.from('{"a": 2}')]), { a: 2 }],
    ['empty value', Buffer.alloc(0), {}],
    ['null value (tombstone)', null, {}],
    ['not JSON', Buffer.from('nope'), /Unexpected token/],
    ['JSON but not an object', Buffer.from('[1]'), /not a JSON object/],
    ['malformed Extended JSON stays a plain object', Buffer.from('{"o": {"$oid": "zz"}}'), { o: { $oid: 'zz' } }],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => {
      const r = decodeValue(input);
      if (expected instanceof RegExp) {
        assert.ok('error' in r, `expected an error, got ${JSON.stringify(r)}`);
        assert.match(r.error, expected);
      } else assert.deepEqual(r, { doc: expected });
    });
  }
});

describe('decodeKey', () => {
  const be = (n: number, bytes: 4 | 8): Buffer => {
    const b = Buffer.alloc(bytes);
    if (bytes === 4) b.writeInt32BE(n);
    else b.writeBigInt64BE(BigInt(n));
    return b;
  };
  const dbl = Buffer.alloc(8);
  dbl.writeDoubleBE(1.5);
  const cases: [KeyFormat, Buffer, Value][] = [
    ['binData', Buffer.from('ab'), new Binary(Buffer.from('ab'))],
    ['string', Buffer.from('k1'), 'k1'],
    ['json', Buffer.from('{"a": 1}'), { a: 1 }],
    ['json', Buffer.from('{bad'), undefined],
    ['int', be(-7, 4), -7],
    ['int', Buffer.from('abc'), undefined],
    ['long', be(2 ** 40, 8), Long.fromNumber(2 ** 40)],
    ['long', be(1, 4), undefined],
    ['double', dbl, 1.5],
    ['double', Buffer.alloc(3), undefined],
  ];
  for (const [fmt, input, expected] of cases) {
    it(`${fmt} ${input.toString('hex')}`, () => assert.deepEqual(decodeKey(input, fmt), expected));
  }
  it('headers keep order and repeated names', () => {
    assert.deepEqual(decodeHeaders({ a: Buffer.from('1'), b: ['x', 'y'] }), [
      { k: 'a', v: new Binary(Buffer.from('1')) },
      { k: 'b', v: new Binary(Buffer.from('x')) },
      { k: 'b', v: new Binary(Buffer.from('y')) },
    ]);
    assert.deepEqual(decodeHeaders(undefined), []);
  });
});

describe('encodeValue', () => {
  const oid = new ObjectId('65a000000000000000000001');
  const doc = { d: new Date(Date.UTC(2024, 0, 1)), n: Long.fromNumber(3), x: 1.5, o: oid, dec: Decimal128.fromString('1.10'), ts: new Timestamp({ t: 10, i: 1 }), b: new Binary(Buffer.from('hi')), inf: Infinity, nil: null };
  it('relaxedJson', () => assert.equal(encodeValue({ d: doc.d, n: doc.n }, 'relaxedJson', false).toString(), '{"d":{"$date":"2024-01-01T00:00:00Z"},"n":3}'));
  it('relaxedJson prints every value as the engine\'s relaxed printer does (plain members go through JSON.stringify)', () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, Value>, { a: 1 });
    const holes: Value[] = [1, undefined, 2];
    holes.length = 5;
    const docs: Record<string, Value>[] = [
      doc,
      { a: -0, b: [0, -0], c: NaN, d: -Infinity, e: { f: [1.5, 'x', true, false, null] } },
      { 'quote"key': 1, 'uni\u2028é': 'line\nbreak "q"', '': { '$x': [] }, 'a.b-c$': {} },
      { nested: { when: new Date(-1), later: [new Date(Date.UTC(2024, 0, 1, 0, 0, 0, 5))] }, n: 2 ** 53, i32: 2 ** 31 - 1, over: 2 ** 31, neg: -(2 ** 31), small: 1e-7, big: 1e21, frac: -2.5 },
      { gone: undefined, holes, nullProto, keep: 1 },
      { headers: [{ k: 'h', v: new Binary(Buffer.from('v')) }], arr: [[{ x: Long.fromNumber(7) }]], oid, longs: [Long.fromNumber(0), Long.fromString('-9007199254740993'), Long.fromString('9223372036854775807')] },
      { _ts: new Date(Date.UTC(2024, 5, 1)), _stream_meta: { source: { type: 'kafka', topic: 't', partition: 0, offset: Long.fromNumber(12), headers: [] } }, obs: { watts: 3.25 } },
    ];
    docs.forEach((d, i) => assert.equal(encodeValue(d, 'relaxedJson', false).toString(), toRelaxedJSON(d), `document ${i}`));
  });
  it('canonicalJson', () => assert.equal(encodeValue({ n: doc.n, x: 1 }, 'canonicalJson', false).toString(), '{"n":{"$numberLong":"3"},"x":{"$numberInt":"1"}}'));
  it('ISO8601 dates', () => assert.equal(encodeValue({ d: doc.d }, 'relaxedJson', true).toString(), '{"d":"2024-01-01T00:00:00.000Z"}'));
  it('basicJson', () =>
    assert.deepEqual(JSON.parse(encodeValue(doc, 'basicJson', false).toString()), {
      d: Date.UTC(2024, 0, 1), n: 3, x: 1.5, o: '65a000000000000000000001', dec: '1.10', ts: 10000, b: 'aGk=', inf: 'Infinity', nil: null,
    }));
});

describe('encodeKey / encodeHeaders', () => {
  const cases: [Value, KeyFormat, string | RegExp][] = [
    ['k', 'string', '6b'],
    [5, 'int', '00000005'],
    [5, 'long', '0000000000000005'],
    [Long.fromNumber(-1), 'long', 'ffffffffffffffff'],
    [1.5, 'double', '3ff8000000000000'],
    [{ a: 1 }, 'json', '7b2261223a317d'],
    [new Binary(Buffer.from([1, 2])), 'binData', '0102'],
    [5, 'string', /of type int as 'string'/],
    ['5', 'int', /of type string as 'int'/],
    [null, 'binData', /of type null/],
    [undefined, 'json', /of type missing/],
  ];
  for (const [v, fmt, expected] of cases) {
    it(`${String(v)} as ${fmt}`, () => {
      if (expected instanceof RegExp) assert.throws(() => encodeKey(v, fmt), expected);
      else assert.equal(encodeKey(v, fmt).toString('hex'), expected);
    });
  }
  it('headers from an object and from an array of {k, v}', () => {
    assert.deepEqual(encodeHeaders({ a: 'x', n: null, i: 1 }), { a: Buffer.from('x'), n: Buffer.alloc(0), i: Buffer.from([0, 0, 0, 1]) });
    assert.deepEqual(encodeHeaders([{ k: 'a', v: 'x' }, { k: 'a', v: 'y' }]), { a: [Buffer.from('x'), Buffer.from('y')] });
    assert.throws(() => encodeHeaders('x'), /must evaluate to an object or an array, found string/);
    assert.throws(() => encodeHeaders({ a: true }), /found bool/);
    assert.throws(() => encodeHeaders([{ v: 1 }]), /\{k: <string>, v: <value>\}/);
  });
});
