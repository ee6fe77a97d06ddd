import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Binary, ObjectId } from 'bson';
import { ManualClock } from '../../../engine/core/clock';
import type { Meta } from '../../../engine/core/meta';
import { NOW, compileErr, err, run, table } from './_support';

const meta: Meta = {
  ts: 0,
  source: { type: 'kafka', topic: 't', partition: 2, offset: 7, headers: [{ k: 'h', v: 'x' }] },
  window: { start: new Date(0), end: new Date(60000) },
  custom: { tenant: { id: 'a' } },
};

test('$meta reads stream metadata paths', () => {
  const rows: [string, unknown][] = [
    ['stream.source.topic', 't'],
    ['stream.source.partition', 2],
    ['stream.source.headers', [{ k: 'h', v: 'x' }]],
    ['stream.window', { start: new Date(0), end: new Date(60000) }],
    ['stream.window.end', new Date(60000)],
    ['stream.tenant.id', 'a'],
    ['stream.https', undefined],
    ['stream.source.nope', undefined],
    ['stream', { source: meta.source, window: { start: new Date(0), end: new Date(60000) }, tenant: { id: 'a' } }],
  ];
  for (const [path, expected] of rows) assert.deepStrictEqual(run({ $meta: path }, {}, meta), { value: expected }, path);
});

test('$meta without metadata is missing', () => {
  assert.deepStrictEqual(run({ $meta: 'stream.source.topic' }, {}), { value: undefined });
  assert.deepStrictEqual(run({ $meta: 'stream' }, {}), { value: undefined });
});

table('$meta argument checks', [
  [{}, { $meta: 'textScore' }, compileErr('ASP412')],
  [{}, { $meta: 'streamx' }, compileErr('ASP412')],
  [{}, { $meta: 5 }, compileErr('ASP411')],
  [{}, { $meta: 'stream..a' }, compileErr('ASP411')],
]);

test('$currentDate reads the injected clock at every evaluation', () => {
  const clock = new ManualClock(NOW);
  assert.deepStrictEqual(run({ $currentDate: {} }, {}, undefined, clock), { value: new Date(NOW) });
  clock.advance(1500);
  assert.deepStrictEqual(run({ $currentDate: {} }, {}, undefined, clock), { value: new Date(NOW + 1500) });
});

table('$currentDate / $createUUID arguments', [
  [{}, { $currentDate: { a: 1 } }, compileErr('ASP411')],
  [{}, { $currentDate: [] }, compileErr('ASP411')],
  [{}, { $createUUID: 'x' }, compileErr('ASP411')],
  [{}, { $createUUID: { a: 1 } }, compileErr('ASP411')],
  [{}, { $function: { body: 'function() {}', args: [], lang: 'js' } }, err('$function runs JavaScript, which only Atlas evaluates; the local engine never runs user code. Deploy to Atlas to use it, or rewrite it with aggregation operators.')],
]);

test('$createUUID makes distinct version-4 UUIDs (BinData subtype 4)', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const out = run({ $createUUID: {} }, {});
    assert.ok('value' in out);
    const b = out.value as Binary;
    assert.ok(b instanceof Binary);
    assert.equal(b.sub_type, 4);
    const bytes = b.value();
    assert.equal(bytes.length, 16);
    assert.equal(bytes[6]! >> 4, 4);
    assert.equal(bytes[8]! >> 6, 2);
    seen.add(Buffer.from(bytes).toString('hex'));
  }
  assert.equal(seen.size, 50);
});

test('$$NOW is rejected with a hint to use $currentDate', () => {
  const out = run('$$NOW', {});
  assert.ok('diagnostics' in out);
  assert.equal(out.diagnostics[0]!.code, 'ASP403');
});

// https://www.mongodb.com/docs/manual/reference/operator/aggregation/createobjectid/ and
// jstests/aggregation/expressions/create_oid.js: {} gives a new ObjectId each time; anything else
// fails to parse.
test('$createObjectId: a new ObjectId per evaluation, timestamped by the pipeline clock', () => {
  const clock = new ManualClock(Date.UTC(2024, 5, 1, 12));
  const ids = Array.from({ length: 100 }, () => run({ $createObjectId: {} }, {}, undefined, clock));
  for (const r of ids) {
    assert.ok('value' in r && r.value instanceof ObjectId, JSON.stringify(r));
    assert.equal((r.value as ObjectId).getTimestamp().getTime(), Date.UTC(2024, 5, 1, 12));
  }
  assert.equal(new Set(ids.map((r) => ('value' in r ? String(r.value) : ''))).size, 100);
});

table('$createObjectId arguments', [
  [{}, { $createObjectId: { key: 'value' } }, compileErr('ASP411')],
  [{}, { $createObjectId: null }, compileErr('ASP411')],
  [{}, { $createObjectId: ['argument'] }, compileErr('ASP411')],
  [{}, { $createObjectId: new ObjectId() }, compileErr('ASP411')],
  [{}, { $createObjectId: 'argument' }, compileErr('ASP411')],
]);
