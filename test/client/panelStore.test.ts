import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../client/panel/store';

/** A synthetic feed like the daemon's: documents with a DLQ record every `dlqEvery`. */
function feed(from: number, n: number, dlqEvery = 0): unknown[] {
  const out: unknown[] = [];
  for (let i = from; i < from + n; i++) {
    out.push(dlqEvery && i % dlqEvery === 0 ? { _dlqMessage: { errInfo: { reason: `bad ${i}` }, operatorName: 'MatchOperator', doc: { i } } } : { i, device: `d${i % 3}` });
  }
  return out;
}

test('keeps only the newest rows and counts the evicted ones', () => {
  const s = new RowStore(5, () => 0);
  s.append('r', feed(0, 12));
  assert.equal(s.visibleCount, 5);
  assert.deepEqual(s.slice(0, 5).map((r) => (r.doc as { i: number }).i), [7, 8, 9, 10, 11]);
  const c = s.getCounts();
  assert.equal(c.received, 12);
  assert.equal(c.evicted, 7);
});

test('DLQ records are unwrapped, flagged, counted and keep their stage', () => {
  const s = new RowStore(100, () => 0);
  s.append('r', feed(0, 10, 5), { 0: 2, 5: 2 });
  const dlq = s.slice(0, 10).filter((r) => r.dlq);
  assert.equal(dlq.length, 2);
  assert.equal((dlq[0]!.doc as { errInfo: { reason: string } }).errInfo.reason, 'bad 0');
  assert.equal(dlq[0]!.stage, 2);
  assert.deepEqual([s.getCounts().docs, s.getCounts().dlq], [8, 2]);
});

test('the filter is case-insensitive, follows appends and evictions, and "dlq" finds DLQ rows', () => {
  const s = new RowStore(6, () => 0);
  s.append('r', feed(0, 6));
  s.setFilter('D1');
  assert.deepEqual(s.slice(0, 10).map((r) => (r.doc as { i: number }).i), [1, 4]);
  s.append('r', feed(6, 3)); // evicts 0,1,2; adds 7 (d1)
  assert.deepEqual(s.slice(0, 10).map((r) => (r.doc as { i: number }).i), [4, 7]);
  assert.equal(s.visibleAt(1)?.text, '{"i":7,"device":"d1"}');
  s.append('r', feed(9, 4, 2)); // 10 and 12 are DLQ records
  s.setFilter('dlq');
  assert.deepEqual(s.slice(0, 10).map((r) => r.dlq), [true, true]);
  s.setFilter('');
  assert.equal(s.visibleCount, 6);
});

test('pause holds rows back (bounded), resume shows them in order', () => {
  const s = new RowStore(4, () => 0);
  s.append('r', feed(0, 2));
  s.setPaused(true);
  assert.equal(s.append('r', feed(2, 6)), 0);
  assert.equal(s.visibleCount, 2);
  assert.equal(s.getCounts().pending, 4);
  s.setPaused(false);
  assert.deepEqual(s.slice(0, 4).map((r) => (r.doc as { i: number }).i), [4, 5, 6, 7]);
  assert.equal(s.getCounts().pending, 0);
  // Rows that entered after a gap still index correctly under a filter.
  s.setFilter('d1');
  assert.deepEqual(s.slice(0, 4).map((r) => (r.doc as { i: number }).i), [4, 7]);
});

test('rate is rows per second of the last full second, 0 once quiet', () => {
  let now = 0;
  const s = new RowStore(100_000, () => now);
  for (let t = 0; t < 1000; t += 50) {
    now = t;
    s.append('r', feed(t, 1000));
  }
  now = 1000;
  s.append('r', feed(0, 1));
  assert.equal(s.getCounts().rate, 20_000);
  now = 3500;
  assert.equal(s.getCounts().rate, 0);
});

test('clear, capacity change and NDJSON export', () => {
  const s = new RowStore(10, () => 0);
  s.append('r', feed(0, 10, 4));
  s.setCapacity(3);
  assert.deepEqual(s.slice(0, 3).map((r) => (r.dlq ? 'dlq' : (r.doc as { i: number }).i)), [7, 'dlq', 9]);
  assert.equal(s.toNdjson(), '{"i":7,"device":"d1"}\n{"_dlqMessage":{"errInfo":{"reason":"bad 8"},"operatorName":"MatchOperator","doc":{"i":8}}}\n{"i":9,"device":"d0"}\n');
  const v = s.version;
  s.clear();
  assert.equal(s.visibleCount, 0);
  assert.equal(s.getCounts().received, 0);
  assert.ok(s.version > v);
});

test('20k docs/s for 5 s of synthetic feed stays bounded and quick', () => {
  let now = 0;
  const s = new RowStore(20_000, () => now);
  const batch = feed(0, 1000, 97);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 100; i++) {
    now += 50;
    s.append('r', batch);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(s.visibleCount, 20_000);
  assert.equal(s.getCounts().received, 100_000);
  // 100k rows is 5 s of stream at 20k/s; the store must take a small part of that.
  assert.ok(ms < 2500, `append of 100k rows took ${ms} ms`);
});
