/**
 * `minOpenWindowStartTime` / `maxOpenWindowStartTime` of verbose stats: each window operator
 * reports the start of its oldest and newest open window, and nothing once all are closed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness } from './_harness';
import { InstanceWindowOperator } from '../../../engine/windows/instanceWindow';
import { PaneWindowOperator } from '../../../engine/windows/paneWindow';
import type { Doc } from '../../../engine/core/types';

const count = [{ $group: { _id: null, n: { $count: {} } } }];
const pushAll = [{ $group: { _id: null, vs: { $push: '$v' } } }];
const hop = (pipeline: Doc[], extra: Doc = {}): Doc => ({
  $hoppingWindow: { interval: { size: 10, unit: 'ms' }, hopSize: { size: 5, unit: 'ms' }, allowedLateness: 0, pipeline, ...extra },
});

test('tumbling (panes): the open windows move with the watermark; none after a flush', () => {
  const h = new Harness({ $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: { size: 50, unit: 'ms' }, pipeline: count } });
  assert.ok(h.op instanceof PaneWindowOperator);
  assert.equal(h.op.openWindowStartTimes?.(), undefined);
  h.push({ v: 1 }, 3);
  h.push({ v: 2 }, 27);
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 0, max: 20 });
  h.push({ v: 3 }, 65); // watermark 15: [0, 10) closes
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 20, max: 60 });
  h.flush();
  assert.equal(h.op.openWindowStartTimes?.(), undefined);
});

test('hopping (panes): every window holding a document counts, oldest to newest', () => {
  const h = new Harness(hop(count));
  assert.ok(h.op instanceof PaneWindowOperator);
  h.push({ v: 1 }, 1); // in [-5, 5) and [0, 10)
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: -5, max: 0 });
  h.push({ v: 2 }, 8); // closes [-5, 5); in [0, 10) and [5, 15)
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 0, max: 5 });
});

test('hopping (per-window state): the same starts as with panes', () => {
  const h = new Harness(hop(pushAll));
  assert.ok(h.op instanceof InstanceWindowOperator);
  h.push({ v: 1 }, 1);
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: -5, max: 0 });
  h.push({ v: 2 }, 8);
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 0, max: 5 });
  h.flush();
  assert.equal(h.op.openWindowStartTimes?.(), undefined);
});

test('session: a session starts at its earliest document, across partitions', () => {
  const h = new Harness({ $sessionWindow: { partitionBy: '$u', gap: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline: count } });
  h.push({ u: 'a' }, 100);
  h.push({ u: 'b' }, 102);
  h.push({ u: 'a' }, 105);
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 100, max: 102 });
  h.push({ u: 'a' }, 130); // closes a[100..105] and b[102]
  assert.deepEqual(h.op.openWindowStartTimes?.(), { min: 130, max: 130 });
  h.flush();
  assert.equal(h.op.openWindowStartTimes?.(), undefined);
});
