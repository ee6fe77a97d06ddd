/** The observed-shape summariser (shared/observedShape.ts) and the per-run collector of the extension (client/observedRuns.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeCollector, bsonTypeOf, observeDocs, pipelineHash, typesText, type ObservedShape } from '../../shared/observedShape';
import { ObservedRuns } from '../../client/observedRuns';

const field = (s: ObservedShape, path: string) => {
  const f = s.fields.find((x) => x.path === path);
  assert.ok(f, `no field ${path} in ${s.fields.map((x) => x.path).join(', ')}`);
  return f;
};

test('BSON types of relaxed Extended JSON values', () => {
  assert.equal(bsonTypeOf('a'), 'string');
  assert.equal(bsonTypeOf(3), 'int');
  assert.equal(bsonTypeOf(2147483648), 'double');
  assert.equal(bsonTypeOf(2.5), 'double');
  assert.equal(bsonTypeOf(-0), 'double');
  assert.equal(bsonTypeOf(true), 'bool');
  assert.equal(bsonTypeOf(null), 'null');
  assert.equal(bsonTypeOf({ $date: '2026-01-01T00:00:00Z' }), 'date');
  assert.equal(bsonTypeOf({ $oid: '65f0a1b2c3d4e5f601234567' }), 'objectId');
  assert.equal(bsonTypeOf({ $numberLong: '9007199254740993' }), 'long');
  assert.equal(bsonTypeOf({ $numberDecimal: '1.10' }), 'decimal');
  assert.equal(bsonTypeOf({ $numberDouble: 'NaN' }), 'double');
  assert.equal(bsonTypeOf({ $binary: { base64: '', subType: '00' } }), 'binData');
  assert.equal(bsonTypeOf([1]), 'array');
  assert.equal(bsonTypeOf({ $date: 'x', other: 1 }), 'object');
  assert.equal(bsonTypeOf({ a: 1 }), 'object');
});

test('types and counts per path, nested paths, mixed number types', () => {
  const docs = Array.from({ length: 20 }, (_, i) => ({
    device_id: `device_${i % 4}`,
    obs: { watts: i < 18 ? 100 + i : 100.5 + i, at: { $date: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z` } },
    ...(i % 2 === 0 ? { note: null } : {}),
  }));
  const s = observeDocs(docs);
  assert.equal(s.docs, 20);
  assert.equal(s.sampled, 20);
  assert.deepEqual(s.fields.map((f) => f.path), ['device_id', 'obs', 'obs.watts', 'obs.at', 'note']);
  const id = field(s, 'device_id');
  assert.equal(id.present, 20);
  assert.equal(typesText(id), 'string');
  assert.deepEqual(id.samples, ['"device_0"', '"device_1"', '"device_2"']);
  assert.equal(typesText(field(s, 'obs.watts')), 'int 18, double 2');
  assert.equal(field(s, 'obs.watts').present, 20);
  assert.deepEqual(field(s, 'obs.at').types, [['date', 20]]);
  assert.equal(field(s, 'obs.at').samples[0], '2026-01-01T00:00:00Z');
  assert.equal(field(s, 'note').present, 10);
  assert.equal(typesText(field(s, 'note')), 'null');
});

test('array elements are their own path; objects in arrays nest under it', () => {
  const s = observeDocs([
    { tags: ['a', 'b'], items: [{ sku: 'x', qty: 1 }, { sku: 'y' }] },
    { tags: [], items: [{ sku: 'z', qty: 2.5 }] },
    { tags: 'solo' },
  ]);
  assert.deepEqual(field(s, 'tags').types, [['array', 2], ['string', 1]]);
  assert.equal(field(s, 'tags').present, 3);
  assert.deepEqual(field(s, 'tags[]').types, [['string', 2]]);
  assert.equal(field(s, 'tags[]').present, 1, 'one document has elements in tags');
  assert.deepEqual(field(s, 'items[]').types, [['object', 3]]);
  assert.deepEqual(field(s, 'items[].sku').types, [['string', 3]]);
  assert.equal(typesText(field(s, 'items[].qty')), 'int 1, double 1');
  assert.deepEqual(field(s, 'items[].sku').samples, ['"x"', '"y"', '"z"']);
});

test('caps: documents read, paths kept, nesting, array items, sample count and length', () => {
  const c = new ShapeCollector({ maxDocs: 3, maxFields: 4, maxDepth: 1, maxArrayItems: 2, samples: 2, sampleChars: 8 });
  for (let i = 0; i < 10; i++) c.add({ a: `a-long-string-${i}`, b: { c: { d: 1 } }, arr: [i, i + 1, 'never read'], x: 1, y: 2 });
  const s = c.summary();
  assert.equal(s.docs, 10);
  assert.equal(s.sampled, 3);
  assert.deepEqual(s.fields.map((f) => f.path), ['a', 'b', 'b.c', 'arr']);
  assert.equal(s.moreFields, 3, 'arr[], x and y were seen past the cap');
  assert.deepEqual(field(s, 'a').samples, ['"a-long…'], 'samples are cut to 8 characters and the equal cut ones kept once');
  assert.deepEqual(field(s, 'b.c').types, [['object', 3]], 'b.c.d is below maxDepth');
  const wide = observeDocs([{ arr: [1, 2, 'x'] }], { maxArrayItems: 2 });
  assert.deepEqual(field(wide, 'arr[]').types, [['int', 2]]);
  const few = observeDocs([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  assert.deepEqual(field(few, 'n').samples, ['1', '2', '3']);
});

test('the pipeline hash follows the content, not the formatting', () => {
  const p = JSON.parse('[ {"$source": {"connectionName": "s"}}, {"$match": {"a": 1}} ]');
  const q = JSON.parse('[{"$source":{"connectionName":"s"}},{"$match":{"a":1}}]');
  assert.equal(pipelineHash(p), pipelineHash(q));
  assert.notEqual(pipelineHash(p), pipelineHash([p[0], { $match: { a: 2 } }]));
  assert.match(pipelineHash(p), /^[0-9a-f]{16}$/);
});

test('a Run observes its output at the last stage before the sink, without DLQ records', () => {
  const runs = new ObservedRuns();
  const pipeline = [{ $source: { connectionName: 's' } }, { $addFields: { kw: 1 } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' } } }];
  runs.begin('r1', 'file:///ws/a.asp.json', pipeline, false);
  runs.append('r1', [{ a: 1 }, { _dlqMessage: { errInfo: { reason: 'x' } } }, { a: 2.5 }], { 1: 1 });
  runs.append('r1', [{ _dlqMessage: { errInfo: { reason: 'y' } } }]);
  const p = runs.finish('r1', 1000);
  assert.ok(p);
  assert.equal(p.uri, 'file:///ws/a.asp.json');
  assert.equal(p.mode, 'Run');
  assert.equal(p.pipelineHash, pipelineHash(pipeline));
  assert.deepEqual(p.stages.map((s) => [s.index, s.stage, s.shape.docs]), [[1, '$addFields', 2]]);
  assert.equal(typesText(p.stages[0]!.shape.fields[0]!), 'int 1, double 1');
  assert.equal(runs.finish('r1', 1000), undefined, 'a run is reported once');
});

test('a Debug adds every traced stage; the streamed output wins at the last stage', () => {
  const runs = new ObservedRuns();
  runs.begin('d1', 'file:///ws/b.asp.json', [{ $source: {} }, { $match: {} }, { $tumblingWindow: {} }], true);
  for (let i = 0; i < 30; i++) runs.append('d1', [{ total: i }]);
  const trace = (index: number, stage: string, emitted: object[], outCount: number, innerIndex?: number) => ({
    index, stage, inCount: outCount, outCount, droppedCount: 0, dlqCount: 0, emitted: emitted as never[], dropped: [], dlq: [], ...(innerIndex === undefined ? {} : { innerIndex }),
  });
  const p = runs.finish('d1', 2000, [
    trace(0, '$source', [{ v: 1 }, { v: 2 }], 50),
    trace(1, '$match', [], 0),
    trace(2, '$group', [{ g: 'a' }], 3, 0),
    trace(2, '$tumblingWindow', [{ total: 0 }], 30),
  ]);
  assert.ok(p);
  assert.equal(p.mode, 'Debug');
  assert.deepEqual(p.stages.map((s) => [s.index, s.innerIndex, s.stage, s.shape.docs, s.shape.sampled]), [
    [0, undefined, '$source', 50, 2],
    [2, undefined, '$tumblingWindow', 30, 30],
    [2, 0, '$group', 3, 1],
  ]);
});
