import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EJSON, Long, Decimal128, ObjectId, Timestamp, Binary } from 'bson';
import { fromEJSON, parseEJSON, toRelaxedJSON, toCanonicalJSON, fromCanonicalJSON } from '../../../engine/json/ejson';
import { lineCol, lineStartsOf } from '../../../engine/json/tree';

test('ejson: canonical and relaxed wrappers become BSON values; stage names are left alone', () => {
  const v = parseEJSON(JSON.stringify({
    $source: { documents: [{ d: { $date: '2024-01-01T00:00:00Z' }, n: { $date: { $numberLong: '5' } }, l: { $numberLong: '9007199254740993' }, i: { $numberInt: '3' }, f: { $numberDouble: '1.5' }, dec: { $numberDecimal: '1.10' }, o: { $oid: '65a1b2c3d4e5f60718293a4b' }, t: { $timestamp: { t: 1, i: 2 } }, b: { $binary: { base64: 'aGk=', subType: '00' } } }] },
  })) as { $source: { documents: Record<string, unknown>[] } };
  const d = v.$source.documents[0]!;
  assert.equal((d['d'] as Date).toISOString(), '2024-01-01T00:00:00.000Z');
  assert.equal((d['n'] as Date).getTime(), 5);
  assert.equal((d['l'] as Long).toString(), '9007199254740993');
  assert.equal(d['i'], 3);
  assert.equal(d['f'], 1.5);
  assert.equal((d['dec'] as Decimal128).toString(), '1.10');
  assert.ok(d['o'] instanceof ObjectId);
  assert.ok(d['t'] instanceof Timestamp);
  assert.ok(d['b'] instanceof Binary);
});

test('ejson: relaxed output matches the bson library for every type it prints', () => {
  const v = { a: 1, b: 1.5, d: new Date(0), e: new Date(-5), f: Long.fromNumber(5), g: Decimal128.fromString('1.1'), h: new ObjectId('65a1b2c3d4e5f60718293a4b'), i: [1, 'x', null], k: new Timestamp({ t: 1, i: 2 }), m: NaN, n: new Date(1700000000123), s: 'q"uote', nested: { x: [{ y: true }] } };
  assert.equal(toRelaxedJSON(v), EJSON.stringify(v, { relaxed: true }));
});

test('ejson: missing members are omitted, missing array items print null', () => {
  assert.equal(toRelaxedJSON({ a: undefined, b: [undefined] }), '{"b":[null]}');
});

test('ejson: canonical round trip keeps Long and Decimal types', () => {
  const v = { l: Long.fromNumber(7), dec: Decimal128.fromString('2.5'), d: new Date(9), n: 3 };
  const back = fromCanonicalJSON(toCanonicalJSON(v)) as Record<string, unknown>;
  assert.ok(back['l'] instanceof Long);
  assert.ok(back['dec'] instanceof Decimal128);
  assert.equal((back['d'] as Date).getTime(), 9);
  assert.equal(back['n'], 3);
  assert.deepEqual(fromEJSON(null), null);
});

test('tree: offsets map to 1-based line and column', () => {
  const starts = lineStartsOf('ab\ncd\n\nx');
  assert.deepEqual(lineCol(starts, 0), { line: 1, col: 1 });
  assert.deepEqual(lineCol(starts, 4), { line: 2, col: 2 });
  assert.deepEqual(lineCol(starts, 7), { line: 4, col: 1 });
});
