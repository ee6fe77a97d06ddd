import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, iso } from './_harness';
import { InstanceWindowOperator } from '../../../engine/windows/instanceWindow';
import { PaneWindowOperator } from '../../../engine/windows/paneWindow';
import type { WindowConfig } from '../../../engine/windows/windowArgs';
import type { Doc } from '../../../engine/core/types';

const hopping = (size: number, hop: number, pipeline: Doc[]): Doc => ({
  $hoppingWindow: { interval: { size, unit: 'ms' }, hopSize: { size: hop, unit: 'ms' }, allowedLateness: 0, pipeline },
});
const instance = { create: (p: { config: unknown }, rt: never, next: never) => new InstanceWindowOperator(p.config as WindowConfig, rt, next) };

test('entries of dropped panes reused under other keys keep every window equal to per-window instances', () => {
  const spec = hopping(4, 1, [{ $group: { _id: '$k', n: { $count: {} }, f: { $first: '$v' }, l: { $last: '$v' }, s: { $sum: '$v' } } }]);
  const pane = new Harness(spec);
  const inst = new Harness(spec, instance as never);
  assert.ok(pane.op instanceof PaneWindowOperator);
  // Keys drift over time, so a recycled entry mostly comes back for a key it never held.
  for (let t = 0; t < 60; t++) {
    for (let j = 0; j < 3; j++) {
      const doc = { k: `k${Math.floor(t / 5) + j}`, v: t * 10 + j };
      pane.push({ ...doc }, t);
      inst.push({ ...doc }, t);
    }
  }
  pane.flush();
  inst.flush();
  assert.equal(new Set(pane.windows().map((w) => w[0])).size, 63);
  assert.deepEqual(pane.docs(), inst.docs());
  assert.deepEqual(pane.windows(), inst.windows());
});

test('a poisoned pane fails only its windows; once dropped, later windows fire normally', () => {
  const h = new Harness(hopping(2, 1, [{ $group: { _id: null, x: { $maxN: { input: '$v', n: '$n' } } } }]));
  h.push({ v: 1, n: 1 }, 0);
  h.push({ v: 2, n: 'bad' }, 1); // pane [1,2) is poisoned on its first document
  h.push({ v: 3, n: 1 }, 2);
  h.push({ v: 4, n: 1 }, 3);
  h.flush();
  assert.deepEqual(h.dlq.map((d) => d.meta?.window?.start.getTime()), [0, 1]);
  assert.deepEqual(h.windows(), [[iso(-1), iso(1)], [iso(2), iso(4)], [iso(3), iso(5)]]);
  assert.deepEqual(h.docs(), [{ _id: null, x: [1] }, { _id: null, x: [4] }, { _id: null, x: [4] }]);
});
