import { test } from 'node:test';
import { Double } from 'bson';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../engine/core/clock';
import { Harness, at, iso } from './_harness';

const groupAvg = [{ $group: { _id: '$d', avg: { $avg: '$w' }, n: { $count: {} } } }];

test('worked example (asp-spec §5): [12:00,12:05) with 2 min lateness closes when the watermark reaches 12:07', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 5, unit: 'minute' }, allowedLateness: { size: 2, unit: 'minute' }, pipeline: groupAvg } });
  h.push({ d: 'a', w: 1 }, '2024-01-01T12:01:00Z');
  h.push({ d: 'a', w: 3 }, '2024-01-01T12:06:00Z');
  h.push({ d: 'a', w: 5 }, '2024-01-01T12:04:59Z'); // late but within allowedLateness
  h.push({ d: 'a', w: 7 }, '2024-01-01T12:07:00Z'); // watermark 12:06:59.999: still open
  assert.equal(h.out.length, 0);
  h.push({ d: 'a', w: 9 }, '2024-01-01T12:07:00.001Z'); // watermark 12:07:00.000: closes
  assert.deepEqual(h.docs(), [{ _id: 'a', avg: new Double(3), n: 2 }]);
  assert.deepEqual(h.windows(), [['2024-01-01T12:00:00.000Z', '2024-01-01T12:05:00.000Z']]);
  assert.deepEqual(h.out[0]!.meta.source, { type: 'documents' });
  assert.equal(h.dlq.length, 0);
});

test('a document whose window has closed goes to the DLQ with missedWindowStartTimes', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 10, unit: 'second' }, allowedLateness: { size: 3, unit: 'second' }, pipeline: [{ $group: { _id: null, count: { $count: {} } } }] } });
  h.push({ a: 1 }, '2024-03-01T02:00:01Z');
  h.push({ a: 1 }, '2024-03-01T02:00:05Z');
  h.push({ a: 1 }, '2024-03-01T02:00:12Z'); // watermark 02:00:11.999 - 3 s: not yet
  assert.equal(h.out.length, 0);
  h.push({ a: 2 }, '2024-03-01T02:00:13.001Z'); // watermark - 3 s = 02:00:10.000: closes [02:00:00, 02:00:10)
  assert.deepEqual(h.docs(), [{ _id: null, count: 2 }]);
  h.push({ a: 1, late: true }, '2024-03-01T02:00:02Z');
  assert.equal(h.dlq.length, 1);
  const rec = h.dlq[0]!;
  assert.equal(rec.reason, 'Input document arrived late.');
  assert.equal(rec.operatorName, 'GroupOperator');
  assert.deepEqual(rec.doc, { a: 1, late: true });
  assert.deepEqual(rec.missedWindowStartTimes, [at('2024-03-01T02:00:00Z')]);
  h.flush();
  assert.deepEqual(h.docs(), [{ _id: null, count: 2 }, { _id: null, count: 2 }]);
});

test('windows fire in start order, each key once per window; flush fires what is open', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: 0, pipeline: groupAvg } });
  h.push({ d: 'a', w: 1 }, 100);
  h.push({ d: 'b', w: 2 }, 200);
  h.push({ d: 'a', w: 3 }, 1100);
  h.push({ d: 'a', w: 5 }, 3500); // closes [0,1000) and [1000,2000)
  assert.deepEqual(h.docs(), [
    { _id: 'a', avg: new Double(1), n: 1 },
    { _id: 'b', avg: new Double(2), n: 1 },
    { _id: 'a', avg: new Double(3), n: 1 },
  ]);
  h.flush();
  assert.deepEqual(h.windows().map((w) => w[0]), [iso(0), iso(0), iso(1000), iso(3000)]);
});

test('offset shifts the window grid; negative offsets are accepted', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 1, unit: 'hour' }, offset: { offsetFromUtc: -15, unit: 'minute' }, pipeline: groupAvg } });
  h.push({ d: 'a', w: 1 }, '2024-01-01T10:50:00Z');
  h.flush();
  assert.deepEqual(h.windows(), [['2024-01-01T10:45:00.000Z', '2024-01-01T11:45:00.000Z']]);
});

test('non-aggregating inner pipeline passes its documents out at close, with window metadata', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline: [{ $project: { _id: 0, v: 1 } }] } });
  h.push({ v: 1, x: 0 }, 1);
  h.push({ v: 2, x: 0 }, 5);
  assert.equal(h.out.length, 0);
  h.push({ v: 3, x: 0 }, 11);
  assert.deepEqual(h.docs(), [{ v: 1 }, { v: 2 }]);
  assert.deepEqual(h.windows(), [[iso(0), iso(10)], [iso(0), iso(10)]]);
  assert.equal(h.out[0]!.meta.ts, 1);
});

test('$sort, $limit and $count run per window instance', () => {
  const h = new Harness({
    $tumblingWindow: {
      interval: { size: 10, unit: 'ms' },
      allowedLateness: 0,
      pipeline: [{ $match: { keep: true } }, { $sort: { v: -1 } }, { $limit: 2 }],
    },
  });
  for (const [v, t] of [[1, 1], [5, 2], [3, 3], [9, 12], [7, 13]] as const) h.push({ v, keep: true }, t);
  h.push({ v: 100, keep: false }, 4);
  h.flush();
  assert.deepEqual(h.docs().map((d) => d['v']), [5, 3, 9, 7]);

  const c = new Harness({ $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline: [{ $count: 'n' }] } });
  for (const t of [1, 2, 3, 15]) c.push({}, t);
  c.flush();
  assert.deepEqual(c.docs(), [{ n: 3 }, { n: 1 }]);
});

test('a window whose $group fails emits one DLQ record instead of its output', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline: [{ $group: { _id: null, m: { $mergeObjects: '$o' } } }] } });
  h.push({ o: { a: 1 } }, 1);
  h.push({ o: 5 }, 2);
  h.push({ o: { b: 1 } }, 3);
  h.push({ o: { c: 1 } }, 12);
  h.flush();
  assert.deepEqual(h.docs(), [{ _id: null, m: { c: 1 } }]);
  assert.equal(h.dlq.length, 1);
  const rec = h.dlq[0]!;
  assert.equal(rec.operatorName, 'GroupOperator');
  assert.match(rec.reason, /\$mergeObjects requires object inputs/);
  assert.equal(rec.doc, undefined);
  assert.deepEqual(rec.meta?.window, { start: new Date(0), end: new Date(10) });
});

test('default allowedLateness is 3 seconds', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 1, unit: 'second' }, pipeline: groupAvg } });
  h.push({ d: 'a', w: 1 }, 500);
  h.push({ d: 'a', w: 1 }, 4000); // watermark 3999 - 3000 = 999 < 1000
  assert.equal(h.out.length, 0);
  h.push({ d: 'a', w: 1 }, 4001);
  assert.equal(h.out.length, 1);
});

test('idleTimeout closes windows after the source is idle for max(idleTimeout, remaining window time)', () => {
  const clock = new ManualClock(1_000_000);
  const h = new Harness(
    { $tumblingWindow: { interval: { size: 10, unit: 'second' }, allowedLateness: 0, idleTimeout: { size: 5, unit: 'second' }, pipeline: groupAvg } },
    { clock },
  );
  h.push({ d: 'a', w: 1 }, 1000); // watermark 999; window [0, 10000) has 9001 ms to go
  clock.advance(4000);
  h.op.tick!(clock.now());
  assert.equal(h.out.length, 0); // idle < idleTimeout
  clock.advance(2000);
  h.op.tick!(clock.now());
  assert.equal(h.out.length, 0); // idle 6 s, remaining window time 9 s
  clock.advance(3001);
  h.op.tick!(clock.now());
  assert.equal(h.out.length, 1);
  // The closed window is gone: a document for it is late.
  h.push({ d: 'a', w: 1 }, 2000);
  assert.equal(h.dlq.length, 1);
  assert.deepEqual(h.dlq[0]!.missedWindowStartTimes, [0]);
});

test('processingTime windows use the injected clock and close when later data arrives or on tick', () => {
  const clock = new ManualClock(0);
  const h = new Harness({ $tumblingWindow: { interval: { size: 1, unit: 'minute' }, boundary: 'processingTime', pipeline: groupAvg } }, { clock });
  clock.set(10_000);
  h.push({ d: 'a', w: 2 }, 999_999_999); // event time is ignored
  clock.set(30_000);
  h.push({ d: 'a', w: 4 }, 0);
  assert.equal(h.out.length, 0);
  clock.set(61_000);
  h.push({ d: 'a', w: 10 }, 0); // arrives after the window end: [0, 60000) closes first
  assert.deepEqual(h.docs(), [{ _id: 'a', avg: new Double(3), n: 2 }]);
  assert.deepEqual(h.windows(), [[iso(0), iso(60_000)]]);
  clock.set(120_000);
  h.op.tick!(clock.now());
  assert.deepEqual(h.docs()[1], { _id: 'a', avg: new Double(10), n: 1 });
  assert.equal(h.dlq.length, 0);
});
