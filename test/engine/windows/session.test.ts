import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, errorsOf, iso } from './_harness';
import type { Doc } from '../../../engine/core/types';

const session = (pipeline: Doc[], extra: Doc = {}): Doc => ({
  $sessionWindow: { partitionBy: '$u', gap: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline, ...extra },
});
const clicks = [{ $group: { _id: '$u', n: { $count: {} }, vs: { $push: '$v' } } }];

test('sessions per partition close after gap; window carries start, end = max + gap, partition', () => {
  const h = new Harness(session(clicks));
  h.push({ u: 'a', v: 1 }, 100);
  h.push({ u: 'b', v: 2 }, 102);
  h.push({ u: 'a', v: 3 }, 105);
  h.push({ u: 'a', v: 4 }, 130); // closes a[100..105] (end 115) and b[102] (end 112)
  assert.deepEqual(h.docs(), [
    { _id: 'a', n: 2, vs: [1, 3] },
    { _id: 'b', n: 1, vs: [2] },
  ]);
  assert.deepEqual(h.out.map((o) => [o.meta.window!.start.getTime(), o.meta.window!.end.getTime(), o.meta.window!.partition]), [
    [100, 115, 'a'],
    [102, 112, 'b'],
  ]);
  h.flush();
  assert.deepEqual(h.docs()[2], { _id: 'a', n: 1, vs: [4] });
});

test('a document bridging two sessions merges them (arrival order kept)', () => {
  const h = new Harness(session(clicks, { allowedLateness: { size: 1, unit: 'second' } }));
  h.push({ u: 'a', v: 1 }, 100);
  h.push({ u: 'a', v: 2 }, 118);
  h.push({ u: 'a', v: 3 }, 109); // within 10 ms of both
  h.flush();
  assert.deepEqual(h.docs(), [{ _id: 'a', n: 3, vs: [1, 2, 3] }]);
  assert.deepEqual([h.out[0]!.meta.window!.start, h.out[0]!.meta.window!.end], [new Date(100), new Date(128)]);
});

test('a document older than the watermark with no open session goes to the DLQ', () => {
  const h = new Harness(session(clicks));
  h.push({ u: 'a', v: 1 }, 100);
  h.push({ u: 'b', v: 2 }, 200);
  h.push({ u: 'c', v: 3 }, 150); // its session would end at 160 <= watermark 199
  assert.equal(h.dlq.length, 1);
  assert.equal(h.dlq[0]!.reason, 'Input document arrived late.');
  assert.equal(h.dlq[0]!.operatorName, 'GroupOperator');
  assert.deepEqual(h.dlq[0]!.missedWindowStartTimes, [150]);
});

test('partitionBy evaluation failure sends the document to the DLQ', () => {
  const h = new Harness({ $sessionWindow: { partitionBy: { $divide: [1, '$z'] }, gap: { size: 1, unit: 'second' }, pipeline: clicks } });
  h.push({ z: 0 }, 100);
  h.push({ z: 2, u: 'x', v: 1 }, 100);
  h.flush();
  assert.equal(h.dlq.length, 1);
  assert.match(h.dlq[0]!.reason, /^Failed to process input document in SessionWindowOperator with error: /);
  assert.deepEqual(h.docs(), [{ _id: 'x', n: 1, vs: [1] }]);
  assert.equal(h.out[0]!.meta.window!.partition, 0.5);
});

test('$sort-only session pipelines emit the sorted documents of each session', () => {
  const h = new Harness(session([{ $sort: { v: -1 } }]));
  h.push({ u: 'a', v: 1 }, 1);
  h.push({ u: 'a', v: 3 }, 2);
  h.flush();
  assert.deepEqual(h.docs(), [{ u: 'a', v: 3 }, { u: 'a', v: 1 }]);
  assert.equal(iso(h.out[0]!.meta.window!.start.getTime()), iso(1));
});

test('session pipeline rules (asp-spec §3.9)', () => {
  const msg = (pipeline: Doc[]) => errorsOf(session(pipeline)).map((e) => e[1]);
  assert.deepEqual(msg([{ $project: { a: 1 } }]), ["The $sessionWindow.pipeline isn't supported, there must be a $group or $sort in the pipeline."]);
  assert.deepEqual(msg([{ $limit: 1 }, { $group: { _id: null } }]), ["The $sessionWindow.pipeline isn't supported, there cannot be a $limit before the first $group or $sort."]);
  assert.deepEqual(msg([{ $addFields: { s: '$_stream_meta.window.start' } }, { $sort: { s: 1 } }]), [
    "The $sessionWindow.pipeline isn't supported, the pipeline cannot use _stream_meta.window until after the first $group or $sort.",
  ]);
  assert.deepEqual(msg([{ $group: { _id: null } }, { $limit: 1 }]), []);
  assert.deepEqual(errorsOf({ $sessionWindow: { gap: { size: 0, unit: 'ms' }, pipeline: clicks, idleTimeout: 0 } }).map((e) => e[1]), [
    "BSON field 'sessionWindow.idleTimeout' is an unknown field.",
    "BSON field 'sessionWindow.partitionBy' is missing but a required field",
    'Window gap size must be greater than 0.',
  ]);
});
