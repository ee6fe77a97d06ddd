import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatermarkTracker } from '../../../engine/time/watermark';

test('watermark is -Infinity before data, then max event time - 1 ms', () => {
  const w = new WatermarkTracker();
  assert.equal(w.current(), -Infinity);
  w.observe('p0', 1000);
  assert.equal(w.current(), 999);
  w.observe('p0', 500); // out of order: max stays
  assert.equal(w.current(), 999);
  w.observe('p0', 2000);
  assert.equal(w.current(), 1999);
});

test('combined watermark is the minimum over active inputs', () => {
  const w = new WatermarkTracker();
  w.observe('p0', 5000);
  w.observe('p1', 1000);
  assert.equal(w.current(), 999);
  w.observe('p1', 8000);
  assert.equal(w.current(), 4999);
});

test('idle inputs stop holding the watermark back; data makes them active again', () => {
  const w = new WatermarkTracker();
  w.observe('p0', 5000);
  w.observe('p1', 1000);
  w.setIdle('p1', true);
  assert.equal(w.current(), 4999);
  assert.equal(w.allIdle(), false);
  // p1 comes back with old data: the watermark never moves backwards.
  w.observe('p1', 2000);
  assert.equal(w.current(), 4999);
  w.observe('p0', 9000);
  assert.equal(w.current(), 4999);
  w.observe('p1', 7000);
  assert.equal(w.current(), 6999);
});

test('all inputs idle keeps the last watermark', () => {
  const w = new WatermarkTracker();
  w.observe('p0', 3000);
  assert.equal(w.current(), 2999);
  w.setIdle('p0', true);
  assert.equal(w.allIdle(), true);
  assert.equal(w.current(), 2999);
  w.setIdle('p0', false);
  assert.equal(w.allIdle(), false);
  assert.equal(w.current(), 2999);
});
