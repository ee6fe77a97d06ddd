// Expected against actual: exact/subset x ordered/unordered, ignored paths, differences by path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal128, Long } from 'bson';
import { compareDocs, withoutIgnored, type CompareOptions } from '../../../engine/testing/compare';
import { formatDifference } from '../../../engine/testing/report';

const exact: CompareOptions = { match: 'exact', order: 'ordered', ignore: [] };
const paths = (d: { path: string }[]): string[] => d.map((x) => x.path);

test('compare: equal documents give no differences; field order and number widths do not matter', () => {
  const t = new Date('2024-01-01T00:00:00Z');
  assert.deepEqual(compareDocs('output', [{ a: 1, b: { c: 2, t } }], [{ b: { t: new Date(t.getTime()), c: Long.fromNumber(2) }, a: Decimal128.fromString('1.0') }], exact), []);
});

test('compare: a changed value, a missing field and an extra field are reported by path', () => {
  const d = compareDocs('output', [{ a: 1, b: { c: 2, d: 3 } }], [{ a: 1, b: { c: 5, e: 4 } }], exact);
  assert.deepEqual(d, [
    { path: 'output[0].b.c', expected: 2, actual: 5 },
    { path: 'output[0].b.d', expected: 3 },
    { path: 'output[0].b.e', actual: 4 },
  ]);
  assert.equal(formatDifference(d[0]!), '    output[0].b.c:\n      expected 2\n      actual   5');
  assert.equal(formatDifference(d[1]!), '    output[0].b.d: missing\n      expected 3');
});

test('compare: ordered: one missing document in the middle is one difference, not a shift of the rest', () => {
  const exp = [{ i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }];
  const act = [{ i: 1 }, { i: 3 }, { i: 4 }];
  assert.deepEqual(compareDocs('output', exp, act, exact), [{ path: 'output[1]', expected: { i: 2 } }]);
  assert.deepEqual(compareDocs('output', act, exp, exact), [{ path: 'output[1]', actual: { i: 2 } }]);
});

test('compare: ordered: the same documents in another order fail; unordered accepts them', () => {
  const exp = [{ i: 1 }, { i: 2 }];
  const act = [{ i: 2 }, { i: 1 }];
  assert.ok(compareDocs('dlq', exp, act, exact).length > 0);
  assert.deepEqual(compareDocs('dlq', exp, act, { ...exact, order: 'unordered' }), []);
});

test('compare: a changed document is compared with its nearest counterpart', () => {
  const d = compareDocs('output', [{ k: 'a', v: 1 }, { k: 'b', v: 2 }], [{ k: 'b', v: 2 }, { k: 'a', v: 9 }], { ...exact, order: 'unordered' });
  assert.deepEqual(d, [{ path: 'output[0].v', expected: 1, actual: 9, actualIndex: 1 }]);
  assert.match(formatDifference(d[0]!), /output\[0\]\.v: \(compared with actual output\[1\]\)/);
});

test('compare: subset: expected documents with fewer fields match, extra actual documents are fine', () => {
  const opts: CompareOptions = { match: 'subset', order: 'ordered', ignore: [] };
  const act = [{ id: 1, reason: 'x', more: true }, { id: 2, reason: 'y' }, { id: 3, reason: 'z', nested: { a: 1, b: 2 } }];
  assert.deepEqual(compareDocs('dlq', [{ id: 1 }, { nested: { b: 2 } }], act, opts), []);
  assert.deepEqual(compareDocs('dlq', [{ id: 3 }, { id: 1 }], act, opts).length, 1, 'ordered subset keeps the order');
  assert.deepEqual(compareDocs('dlq', [{ id: 3 }, { id: 1 }], act, { ...opts, order: 'unordered' }), []);
  assert.deepEqual(compareDocs('dlq', [{ id: 2, reason: 'q' }], act, opts), [{ path: 'dlq[0].reason', expected: 'q', actual: 'y', actualIndex: 1 }]);
});

test('compare: unordered subset finds a matching even when a greedy choice would block it', () => {
  // {k:1} fits both actual documents; only one assignment lets {k:1, x:1} match too.
  const act = [{ k: 1, x: 1 }, { k: 1 }];
  assert.deepEqual(compareDocs('output', [{ k: 1 }, { k: 1, x: 1 }], act, { match: 'subset', order: 'unordered', ignore: [] }), []);
});

test('compare: ignored paths are left out on both sides, through arrays and nested documents', () => {
  const exp = [{ a: 1, _ts: 1, items: [{ id: 1, at: 5 }], _stream_meta: { source: { type: 'kafka', offset: 4 } } }];
  const act = [{ a: 1, _ts: 2, items: [{ id: 1, at: 6 }], _stream_meta: { source: { type: 'kafka', offset: 9 } } }];
  assert.equal(compareDocs('output', exp, act, exact).length, 3);
  assert.deepEqual(compareDocs('output', exp, act, { ...exact, ignore: ['_ts', 'items.at', '_stream_meta.source.offset'] }), []);
  const original = { a: 1, _ts: 1 };
  withoutIgnored([original], ['_ts']);
  assert.deepEqual(original, { a: 1, _ts: 1 }, 'the documents themselves are not changed');
});

test('compare: a missing or an unexpected document is shown whole', () => {
  const d = compareDocs('output', [], [{ a: 1 }], exact);
  assert.deepEqual(d, [{ path: 'output[0]', actual: { a: 1 } }]);
  assert.equal(formatDifference(d[0]!), '    output[0]: unexpected\n      actual   { "a": 1 }');
  assert.equal(formatDifference(compareDocs('output', [{ t: new Date(0) }], [], exact)[0]!), '    output[0]: missing\n      expected { "t": { "$date": "1970-01-01T00:00:00Z" } }');
  assert.deepEqual(paths(compareDocs('output', [{ a: 1 }, { a: 2 }], [], exact)), ['output[0]', 'output[1]']);
});
