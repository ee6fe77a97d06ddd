/** The Histogram tab's numeric-field mode: round bin widths, binning, counts apart for non-numbers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgeLabel, fieldBins, niceWidth } from '../../client/panel/fieldHistogram';

test('bin widths are 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceWidth(100, 10), 10);
  assert.equal(niceWidth(100, 30), 5);
  assert.equal(niceWidth(7, 30), 0.5);
  assert.equal(niceWidth(0.3, 30), 0.01);
  assert.equal(niceWidth(1500, 4), 500);
  assert.equal(niceWidth(0, 30), 1);
});

test('values fall in [left, left + width) bins from a round left edge; the top value has its bin', () => {
  const docs = [{ w: 120 }, { w: 80 }, { w: 150 }, { w: 0 }, { w: 210 }, { w: 99.9 }, { w: 100 }];
  const b = fieldBins(docs, 'w', 5)!;
  assert.equal(b.width, 50);
  assert.equal(b.lo, 0);
  assert.deepEqual(b.counts, [1, 2, 2, 1, 1]);
  assert.equal(b.max, 2);
  assert.equal(b.numbers, 7);
  assert.equal(b.other, 0);
  assert.deepEqual([b.min, b.maxValue], [0, 210]);
  assert.ok(Math.abs(b.mean - 759.9 / 7) < 1e-9);
});

test('nested paths, Extended JSON numbers, negative values; other values are counted apart', () => {
  const docs = [{ o: { v: { $numberLong: '-15' } } }, { o: { v: { $numberDecimal: '5.5' } } }, { o: { v: 'x' } }, { o: {} }, { o: { v: { $numberDouble: 'NaN' } } }, 3];
  const b = fieldBins(docs, 'o.v', 4)!;
  assert.equal(b.width, 10);
  assert.equal(b.lo, -20);
  assert.deepEqual(b.counts, [1, 0, 1]);
  assert.equal(b.numbers, 2);
  assert.equal(b.other, 4);
});

test('one distinct value is one bin; no numbers, no bins', () => {
  const b = fieldBins([{ a: 4 }, { a: 4 }], 'a')!;
  assert.deepEqual([b.lo, b.width, b.counts], [4, 1, [2]]);
  assert.equal(fieldBins([{ a: 'x' }, {}], 'a'), undefined);
});

test('edge labels carry as many decimals as the width needs', () => {
  assert.equal(edgeLabel(0.1 + 0.2, 0.1), '0.3');
  assert.equal(edgeLabel(150, 50), '150');
  assert.equal(edgeLabel(-2.5, 0.5), '-2.5');
  assert.equal(edgeLabel(0.25, 0.05), '0.25');
});
