/**
 * The pane fast paths: window metadata read through `$meta` in `$group._id`, output order of
 * combined panes, inputs shared between accumulators, and the in-place pane merges.
 */
import { Double } from 'bson';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, iso, clean } from './_harness';
import { InstanceWindowOperator } from '../../../engine/windows/instanceWindow';
import { PaneWindowOperator } from '../../../engine/windows/paneWindow';
import type { WindowConfig } from '../../../engine/windows/windowArgs';
import type { Doc, Value } from '../../../engine/core/types';

const ms = (size: number) => ({ size, unit: 'ms' });
const tumbling = (size: number, pipeline: Doc[]): Doc => ({ $tumblingWindow: { interval: ms(size), allowedLateness: 0, pipeline } });
const hopping = (size: number, hop: number, pipeline: Doc[], extra: Doc = {}): Doc => ({
  $hoppingWindow: { interval: ms(size), hopSize: ms(hop), allowedLateness: 0, pipeline, ...extra },
});
const byWindowStart = [{ $group: { _id: { $meta: 'stream.window.start' }, n: { $count: {} }, total: { $sum: '$v' } } }];
/** Pane merges add floating-point terms in another order: compare to 9 significant digits. */
const rounded = (v: Value): Value => JSON.parse(JSON.stringify(clean(v), (_k, x) => (typeof x === 'number' ? Number(x.toPrecision(9)) : x)));

test('{$meta: "stream.window.start"} as $group._id inside a tumbling window is the window start', () => {
  const h = new Harness(tumbling(10, byWindowStart));
  assert.ok(h.op instanceof PaneWindowOperator);
  for (const [v, t] of [[1, 1], [2, 4], [3, 12], [4, 25]] as const) h.push({ v }, t);
  h.flush();
  assert.deepEqual(h.docs(), [
    { _id: new Date(0), n: 2, total: 3 },
    { _id: new Date(10), n: 1, total: 3 },
    { _id: new Date(20), n: 1, total: 4 },
  ]);
  assert.deepEqual(h.windows().map((w) => w[0]), [iso(0), iso(10), iso(20)]);
});

test('{$meta: "stream.window.start"} as $group._id inside a hopping window is each window\'s own start', () => {
  const h = new Harness(hopping(10, 5, byWindowStart));
  // Window metadata differs per overlapping window, so panes cannot be shared here.
  assert.ok(h.op instanceof InstanceWindowOperator);
  for (const [v, t] of [[1, 1], [2, 6], [3, 12]] as const) h.push({ v }, t);
  h.flush();
  assert.deepEqual(h.docs(), [
    { _id: new Date(-5), n: 1, total: 1 },
    { _id: new Date(0), n: 2, total: 3 },
    { _id: new Date(5), n: 2, total: 5 },
    { _id: new Date(10), n: 1, total: 3 },
  ]);
});

test('other $meta paths work in a tumbling $group too', () => {
  const h = new Harness(tumbling(10, [{ $group: { _id: { s: { $meta: 'stream.window.start' }, e: { $meta: 'stream.window.end' } }, n: { $count: {} } } }]));
  h.push({}, 3);
  h.push({}, 13);
  h.flush();
  assert.deepEqual(h.docs(), [
    { _id: { s: new Date(0), e: new Date(10) }, n: 1 },
    { _id: { s: new Date(10), e: new Date(20) }, n: 1 },
  ]);
});

test('combined panes keep first-seen key order and equal per-window instances (in-order stream)', () => {
  // Keys come and go, so windows hold different key sets and the pane stack flips many times.
  const pipeline = [{ $group: { _id: '$k', avg: { $avg: '$v' }, max: { $max: '$v' }, sum: { $sum: '$v' }, n: { $count: {} }, sd: { $stdDevSamp: '$v' } } }];
  for (const [size, step] of [[12, 1], [9, 3], [20, 5]] as const) {
    const spec = hopping(size, step, pipeline);
    const pane = new Harness(spec);
    const inst = new Harness(spec, { create: (p, rt, next) => new InstanceWindowOperator(p.config as WindowConfig, rt, next) });
    assert.ok(pane.op instanceof PaneWindowOperator);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let t = 0; t < 300; t++) {
      if (rnd() < 0.3) continue;
      const doc = { k: `k${Math.floor(rnd() * rnd() * 9)}`, v: rnd() < 0.05 ? 'text' : Math.floor(rnd() * 100) };
      pane.push({ ...doc }, t);
      inst.push({ ...doc }, t);
    }
    pane.flush();
    inst.flush();
    assert.ok(pane.out.length > 100);
    assert.deepEqual(rounded(pane.docs()), rounded(inst.docs()), `size ${size} hop ${step}`);
    assert.deepEqual(pane.windows(), inst.windows());
  }
});

test('a late document within allowedLateness changes a pane already combined, and later windows see it', () => {
  const h = new Harness(hopping(4, 1, [{ $group: { _id: '$k', n: { $count: {} }, avg: { $avg: '$v' } } }], { allowedLateness: ms(3) }));
  for (let t = 0; t <= 8; t++) h.push({ k: 'a', v: t }, t);
  // The watermark minus lateness is 4: [0,4) fired, so the stack holds panes 0..3.
  assert.deepEqual(h.windows().at(-1), [iso(0), iso(4)]);
  h.push({ k: 'b', v: 100 }, 3); // late for [0,4) only; pane 3 changes
  assert.deepEqual(h.dlq.map((d) => d.missedWindowStartTimes), [[0]]);
  h.flush();
  const windowAt = (s: number) => h.out.filter((o) => o.meta.window!.start.getTime() === s).map((o) => o.doc);
  assert.deepEqual(windowAt(0), [{ _id: 'a', n: 4, avg: 1.5 }]);
  assert.deepEqual(windowAt(1), [{ _id: 'a', n: 4, avg: 2.5 }, { _id: 'b', n: 1, avg: new Double(100) }]);
  assert.deepEqual(windowAt(3), [{ _id: 'a', n: 4, avg: 4.5 }, { _id: 'b', n: 1, avg: new Double(100) }]);
  assert.deepEqual(windowAt(4), [{ _id: 'a', n: 4, avg: 5.5 }]);
});

test('accumulators reading the same field path share one evaluation and still see their own values', () => {
  const h = new Harness(tumbling(10, [{ $group: { _id: null, a: { $avg: '$x.v' }, mx: { $max: '$x.v' }, mn: { $min: '$x.v' }, s: { $sum: '$y' }, f: { $first: '$x.v' }, n: { $count: {} } } }]));
  h.push({ x: { v: 4 }, y: 1 }, 1);
  h.push({ x: { v: null }, y: 2 }, 2);
  h.push({ y: 'text' }, 3);
  h.push({ x: { v: 'str' }, y: 3 }, 4);
  h.push({ x: { v: 10 } }, 5);
  h.flush();
  // $max ranks the string above numbers (BSON order); $avg and $sum skip non-numbers.
  assert.deepEqual(h.docs(), [{ _id: null, a: new Double(7), mx: 'str', mn: 4, s: 6, f: 4, n: 5 }]);
});
