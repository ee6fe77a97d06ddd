import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, iso, clean } from './_harness';
import type { Value } from '../../../engine/core/types';

/** Pane merges add floating-point terms in another order: compare to 9 significant digits. */
const rounded = (v: Value): Value => JSON.parse(JSON.stringify(clean(v), (_k, x) => (typeof x === 'number' ? Number(x.toPrecision(9)) : x)));
import { InstanceWindowOperator } from '../../../engine/windows/instanceWindow';
import { PaneWindowOperator } from '../../../engine/windows/paneWindow';
import type { WindowConfig } from '../../../engine/windows/windowArgs';
import type { Doc } from '../../../engine/core/types';

const hop = (interval: number, hopSize: number, pipeline: Doc[], extra: Doc = {}): Doc => ({
  $hoppingWindow: { interval: { size: interval, unit: 'ms' }, hopSize: { size: hopSize, unit: 'ms' }, allowedLateness: 0, pipeline, ...extra },
});
const countPipe = [{ $group: { _id: null, n: { $count: {} }, vs: { $addToSet: '$v' } } }];

test('a document lands in every window that contains it', () => {
  const h = new Harness(hop(10, 5, countPipe));
  h.push({ v: 1 }, 1);
  h.push({ v: 6 }, 6);
  h.push({ v: 21 }, 21);
  h.flush();
  assert.deepEqual(h.windows().map((w) => w[0]), [iso(-5), iso(0), iso(5), iso(15), iso(20)]);
  assert.deepEqual(h.docs().map((d) => d['n']), [1, 2, 1, 1, 1]);
  assert.ok(h.op instanceof PaneWindowOperator);
});

test('a document late for some windows is DLQ-ed for those and still lands in the open ones', () => {
  const h = new Harness(hop(10, 5, countPipe));
  h.push({ v: 1 }, 1);
  h.push({ v: 8 }, 8); // closes [-5, 5)
  assert.deepEqual(h.windows(), [[iso(-5), iso(5)]]);
  h.push({ v: 4 }, 4); // windows [-5,5) closed, [0,10) open
  assert.equal(h.dlq.length, 1);
  assert.deepEqual(h.dlq[0]!.missedWindowStartTimes, [-5]);
  assert.equal(h.dlq[0]!.reason, 'Input document arrived late.');
  h.push({ v: 16 }, 16); // closes [0, 10) and [5, 15)
  const second = h.docs()[1]!;
  assert.equal(second['n'], 3);
  assert.deepEqual((second['vs'] as number[]).sort(), [1, 4, 8]); // $addToSet order is unspecified
  h.push({ v: 2 }, 3); // every window closed now
  assert.equal(h.dlq.length, 2);
  assert.deepEqual(h.dlq[1]!.missedWindowStartTimes, [-5, 0]);
});

test('hopSize larger than interval leaves gaps whose documents are dropped', () => {
  const h = new Harness(hop(5, 10, countPipe));
  h.push({ v: 1 }, 1);
  h.push({ v: 7 }, 7); // in the gap [5, 10)
  h.push({ v: 12 }, 12);
  h.flush();
  assert.deepEqual(h.windows(), [[iso(0), iso(5)], [iso(10), iso(15)]]);
  assert.deepEqual(h.docs().map((d) => d['vs']), [[1], [12]]);
  assert.equal(h.dlq.length, 0);
});

test('accumulators without a pane merge ($push) and window metadata reads use per-window state', () => {
  const push = new Harness(hop(10, 5, [{ $group: { _id: null, vs: { $push: '$v' } } }], { allowedLateness: { size: 1, unit: 'second' } }));
  assert.ok(push.op instanceof InstanceWindowOperator);
  for (const t of [1, 6, 3]) push.push({ v: t }, t);
  push.flush();
  assert.deepEqual(push.docs().map((d) => d['vs']), [[1, 3], [1, 6, 3], [6]]);
  const meta = new Harness(hop(10, 5, [{ $group: { _id: '$_stream_meta.window.start', n: { $count: {} } } }]));
  assert.ok(meta.op instanceof InstanceWindowOperator);
});

test('pane mode gives the same output as per-window instances (random stream, hop not dividing size)', () => {
  const pipeline = [
    { $match: { skip: { $ne: true } } },
    { $group: { _id: '$k', sum: { $sum: '$v' }, avg: { $avg: '$v' }, max: { $max: '$v' }, min: { $min: '$v' }, first: { $first: '$v' }, last: { $last: '$v' }, top: { $topN: { n: 2, sortBy: { v: -1 }, output: '$v' } }, sd: { $stdDevPop: '$v' }, med: { $median: { input: '$v', method: 'approximate' } } } },
    { $sort: { _id: 1 } },
  ];
  for (const [size, step] of [[60, 1], [10, 3], [7, 7]] as const) {
    const spec = hop(size, step, pipeline, { allowedLateness: { size: 20, unit: 'ms' } });
    const pane = new Harness(spec);
    const inst = new Harness(spec, { create: (p, rt, next) => new InstanceWindowOperator(p.config as WindowConfig, rt, next) });
    assert.ok(pane.op instanceof PaneWindowOperator);
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let t = 0;
    for (let i = 0; i < 400; i++) {
      t += Math.floor(rnd() * 4);
      const et = t - Math.floor(rnd() * 30); // out of order, sometimes late
      const doc = { k: `k${Math.floor(rnd() * 3)}`, v: Math.floor(rnd() * 100), skip: rnd() < 0.1 };
      pane.push({ ...doc }, et);
      inst.push({ ...doc }, et);
    }
    pane.flush();
    inst.flush();
    assert.ok(pane.out.length > 10);
    assert.deepEqual(rounded(pane.docs()), rounded(inst.docs()), `size ${size} hop ${step}`);
    assert.deepEqual(pane.windows(), inst.windows());
    assert.deepEqual(pane.dlq.map((d) => d.missedWindowStartTimes), inst.dlq.map((d) => d.missedWindowStartTimes));
  }
});

test('a failing $group poisons every window sharing the pane', () => {
  const h = new Harness(hop(10, 5, [{ $group: { _id: null, x: { $maxN: { input: '$v', n: '$n' } } } }]));
  h.push({ v: 1, n: 1 }, 1);
  h.push({ v: 2, n: 'bad' }, 6); // new pane [5,10): n is evaluated on its first document
  h.flush();
  assert.deepEqual(h.docs(), [{ _id: null, x: [1] }]);
  assert.equal(h.dlq.length, 2);
  assert.deepEqual(h.dlq.map((d) => d.meta?.window?.start.getTime()), [0, 5]);
});
