import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputBatcher, type Batch, type Timers } from '../../client/panel/batcher';

/** Timers the test fires by hand. */
function manualTimers(): Timers & { fire(): void; armed: number } {
  let pending: (() => void)[] = [];
  return {
    set(fn) {
      pending.push(fn);
      return fn;
    },
    clear(h) {
      pending = pending.filter((f) => f !== h);
    },
    fire() {
      const p = pending;
      pending = [];
      for (const f of p) f();
    },
    get armed() {
      return pending.length;
    },
  };
}

const docs = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ i: from + i }));

test('coalesces pushes into one post per tick, split by run', () => {
  const posts: Batch[] = [];
  const t = manualTimers();
  const b = new OutputBatcher((x) => posts.push(x), 50, 100, 1000, t);
  b.push('a', docs(0, 3));
  b.push('a', docs(3, 2), { 1: 4 });
  b.push('b', docs(0, 1));
  assert.equal(posts.length, 0);
  assert.equal(t.armed, 1);
  t.fire();
  assert.deepEqual(posts.map((p) => [p.run, p.docs.length, p.dlqStages]), [['a', 5, { 4: 4 }], ['b', 1, undefined]]);
  assert.equal(t.armed, 0);
});

test('at most maxPerPost per tick; the rest waits for the next tick', () => {
  const posts: Batch[] = [];
  const t = manualTimers();
  const b = new OutputBatcher((x) => posts.push(x), 50, 4, 1000, t);
  b.push('a', docs(0, 10), { 9: 1 });
  t.fire();
  assert.deepEqual(posts.map((p) => p.docs.length), [4]);
  assert.equal(b.pending, 6);
  t.fire();
  t.fire();
  assert.deepEqual(posts.map((p) => p.docs.length), [4, 4, 2]);
  assert.deepEqual(posts[2]!.dlqStages, { 1: 1 });
  assert.deepEqual(posts[2]!.docs[1], { i: 9 });
});

test('a full queue drops the oldest documents and counts them', () => {
  const posts: Batch[] = [];
  const t = manualTimers();
  const b = new OutputBatcher((x) => posts.push(x), 50, 100, 5, t);
  b.push('a', docs(0, 4), { 3: 7 });
  b.push('a', docs(4, 4));
  assert.equal(b.dropped, 3);
  b.flush();
  assert.deepEqual(posts[0]!.docs.map((d) => d.i), [3, 4, 5, 6, 7]);
  assert.deepEqual(posts[0]!.dlqStages, { 0: 7 });
  assert.equal(t.armed, 0);
});

test('flush posts everything at once and leaves no timer', () => {
  const posts: Batch[] = [];
  const t = manualTimers();
  const b = new OutputBatcher((x) => posts.push(x), 50, 3, 1000, t);
  b.push('a', docs(0, 7));
  b.flush();
  assert.deepEqual(posts.map((p) => p.docs.length), [3, 3, 1]);
  assert.equal(t.armed, 0);
  b.push('a', []);
  assert.equal(t.armed, 0);
});
