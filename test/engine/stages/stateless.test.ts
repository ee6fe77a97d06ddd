import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipelineText } from '../../../engine/pipeline/run';
import { ManualClock } from '../../../engine/core/clock';
import type { Doc } from '../../../engine/core/types';
import { plainDoc } from '../../helpers/plainDoc';

/** Run stages over inline documents; return outputs (without _ts/_stream_meta) and DLQ reasons. */
async function run(stages: unknown[], docs: Doc[]): Promise<{ out: unknown[]; dlq: string[] }> {
  const text = JSON.stringify([{ $source: { documents: docs } }, ...stages]);
  const r = await runPipelineText(text, { clock: new ManualClock(Date.UTC(2024, 0, 1)), projectStreamMeta: false });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const out = r.docs.map(plainDoc);
  return { out, dlq: r.dlq.map((x) => (x['errInfo'] as { reason: string }).reason) };
}

// [title, stages, input, expected output, expected DLQ reasons]
const cases: [string, unknown[], Doc[], unknown[], string[]?][] = [
  ['$project inclusion keeps input order and _id', [{ $project: { b: 1, a: 1 } }], [{ _id: 1, a: 1, b: 2, c: 3 }], [{ _id: 1, a: 1, b: 2 }]],
  ['$project exclusion', [{ $project: { c: 0, 'n.x': 0 } }], [{ a: 1, c: 3, n: { x: 1, y: 2 } }], [{ a: 1, n: { y: 2 } }]],
  ['$project computed and nested', [{ $project: { _id: 0, 'n.y': 1, z: '$n.x', w: { v: '$a' } } }], [{ _id: 1, a: 5, n: { x: 1, y: 2 } }], [{ n: { y: 2 }, z: 1, w: { v: 5 } }]],
  ['$project over arrays of subdocuments', [{ $project: { _id: 0, 'l.a': 1 } }], [{ l: [{ a: 1, b: 2 }, 3, { b: 4 }] }], [{ l: [{ a: 1 }, {}] }]],
  ['$addFields nested and dotted', [{ $addFields: { 'n.z': 3, m: { k: 1 } } }], [{ n: { x: 1 } }], [{ n: { x: 1, z: 3 }, m: { k: 1 } }]],
  ['$set sees the input, not its own outputs', [{ $set: { a: 10, b: '$a' } }], [{ a: 1 }], [{ a: 10, b: 1 }]],
  ['$addFields $$REMOVE removes', [{ $addFields: { a: '$$REMOVE' } }], [{ a: 1, b: 2 }], [{ b: 2 }]],
  ['$unset list', [{ $unset: ['a', 'n.x'] }], [{ a: 1, b: 2, n: { x: 1, y: 1 } }], [{ b: 2, n: { y: 1 } }]],
  ['$replaceRoot', [{ $replaceRoot: { newRoot: '$n' } }], [{ n: { x: 1 } }], [{ x: 1 }]],
  ['$replaceWith non-object goes to the DLQ', [{ $replaceWith: '$a' }], [{ a: 1 }], [], ["Failed to process input document in ReplaceRootOperator with error: 'replacement document' must evaluate to an object, but resulting value was: 1. Type of resulting value: 'int'. Input document: {\"a\":1,\"_ts\":{\"$date\":\"2024-01-01T00:00:00Z\"}}"]],
  ['$unwind with index and preserve', [{ $unwind: { path: '$t', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }], [{ t: ['a', 'b'] }, { t: [] }, { u: 1 }, { t: 'x' }], [{ t: 'a', i: 0 }, { t: 'b', i: 1 }, { i: null }, { u: 1, i: null }, { t: 'x', i: null }]],
  ['$unwind drops null, missing and empty by default', [{ $unwind: '$t' }], [{ t: null }, { t: [] }, {}, { t: [1] }], [{ t: 1 }]],
  ['$unwind nested path', [{ $unwind: '$a.b' }], [{ a: { b: [1, 2], c: 0 } }], [{ a: { b: 1, c: 0 } }, { a: { b: 2, c: 0 } }]],
  ['$redact prunes', [{ $redact: { $cond: { if: { $eq: ['$secret', true] }, then: '$$PRUNE', else: '$$DESCEND' } } }], [{ a: 1, s: { secret: true, x: 1 }, l: [{ secret: true }, { y: 1 }] }], [{ a: 1, l: [{ y: 1 }] }]],
  ['$match', [{ $match: { a: { $gt: 1 } } }], [{ a: 1 }, { a: 2 }, { b: 3 }], [{ a: 2 }]],
  ['$validate discard is silent', [{ $validate: { validator: { a: { $exists: true } } } }], [{ a: 1 }, { b: 1 }], [{ a: 1 }]],
  ['$validate dlq', [{ $validate: { validator: { a: { $exists: true } }, validationAction: 'dlq' } }], [{ a: 1 }, { b: 1 }], [{ a: 1 }], ['Input document found to be invalid in $validate stage']],
  ['expression error goes to the DLQ and the run goes on', [{ $addFields: { r: { $divide: [1, '$d'] } } }], [{ d: 0 }, { d: 2 }], [{ d: 2, r: 0.5 }], ["Failed to process input document in AddFieldsOperator with error: can't $divide by zero"]],
];

for (const [title, stages, input, expected, dlq] of cases) {
  test(`stage: ${title}`, async () => {
    const r = await run(stages, input);
    assert.deepEqual(r.out, expected);
    assert.deepEqual(r.dlq, dlq ?? []);
  });
}

test('stage: _ts is the event time and _stream_meta is projected at the end', async () => {
  const text = JSON.stringify([{ $source: { documents: [{ a: 1, t: { $date: '2024-05-01T10:00:00Z' } }], timeField: '$t' } }, { $project: { a: 1 } }]);
  const r = await runPipelineText(text, { clock: new ManualClock(0) });
  assert.equal(r.docs.length, 1);
  const d = r.docs[0]!;
  assert.equal(d['a'], 1);
  assert.equal(d['_ts'], undefined, 'an inclusion $project drops _ts');
  assert.deepEqual(d['_stream_meta'], { source: { type: 'documents' } });
  const r2 = await runPipelineText(JSON.stringify([{ $source: { documents: [{ a: 1, t: { $date: '2024-05-01T10:00:00Z' } }], timeField: '$t' } }]), { clock: new ManualClock(0) });
  assert.equal((r2.docs[0]!['_ts'] as Date).toISOString(), '2024-05-01T10:00:00.000Z');
});

test('stage: $unset of _stream_meta removes it for good', async () => {
  const text = JSON.stringify([{ $source: { documents: [{ a: 1 }] } }, { $unset: '_stream_meta' }]);
  const r = await runPipelineText(text, { clock: new ManualClock(0) });
  assert.equal(r.docs[0]!['_stream_meta'], undefined);
});

test('stage: a bad timeField value goes to the DLQ with ASP reason', async () => {
  const text = JSON.stringify([{ $source: { documents: [{ t: 'yesterday' }, { t: { $date: '2024-01-01T00:00:00Z' } }], timeField: '$t' } }]);
  const r = await runPipelineText(text, { clock: new ManualClock(0) });
  assert.equal(r.docs.length, 1);
  assert.equal((r.dlq[0]!['errInfo'] as { reason: string }).reason, 'Failed to extract timestamp from document, extracted timestampVal: "yesterday"');
  assert.deepEqual(Object.keys(r.dlq[0]!), ['_stream_meta', 'errInfo', 'operatorName', 'doc', 'processorName', 'dlqTime']);
});
