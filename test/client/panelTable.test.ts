/** The output panel's table model: columns learnt from documents, expand/collapse, sort order, and the value helpers under it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnSet, MAX_COLUMNS_PER_LEVEL, nextSort, sortRows } from '../../client/panel/tableModel';
import { compareValues, dateMillis, valueAt, valueText } from '../../client/panel/values';

const paths = (s: ColumnSet): string[] => s.columns().map((c) => c.path);

test('columns are the top-level fields in first-seen order; object columns are expandable', () => {
  const s = new ColumnSet();
  s.observe({ device: 'a', obs: { watts: 1, temp: 2 }, _ts: { $date: '2026-01-01T00:00:00Z' } });
  s.observe({ device: 'b', extra: true });
  assert.deepEqual(paths(s), ['device', 'obs', '_ts', 'extra']);
  const obs = s.columns().find((c) => c.path === 'obs')!;
  assert.equal(obs.expandable, true);
  // A $date wrapper is a value, not an object with fields.
  assert.equal(s.columns().find((c) => c.path === '_ts')!.expandable, false);
});

test('the version changes only when the column list does', () => {
  const s = new ColumnSet();
  s.observe({ a: 1 });
  const v = s.version;
  s.observe({ a: 2 });
  assert.equal(s.version, v);
  s.observe({ b: 2 });
  assert.notEqual(s.version, v);
});

test('expand shows an object column as its fields, learnt from the rows given and from later rows; collapse folds them back', () => {
  const s = new ColumnSet();
  const docs = [{ id: 1, obs: { watts: 5, meta: { site: 'x' } } }, { id: 2, obs: { temp: 20 } }];
  for (const d of docs) s.observe(d);
  s.expand('obs', docs);
  assert.deepEqual(paths(s), ['id', 'obs.watts', 'obs.meta', 'obs.temp']);
  assert.deepEqual(s.columns().map((c) => c.depth), [0, 1, 1, 1]);
  assert.equal(s.isExpanded('obs'), true);
  s.observe({ id: 3, obs: { humidity: 40 } });
  assert.deepEqual(paths(s), ['id', 'obs.watts', 'obs.meta', 'obs.temp', 'obs.humidity']);
  s.expand('obs.meta', docs);
  assert.deepEqual(paths(s), ['id', 'obs.watts', 'obs.meta.site', 'obs.temp', 'obs.humidity']);
  s.collapse('obs');
  assert.deepEqual(paths(s), ['id', 'obs']);
  assert.equal(s.isExpanded('obs.meta'), false);
});

test('no more than MAX_COLUMNS_PER_LEVEL columns per level', () => {
  const s = new ColumnSet();
  const wide: Record<string, number> = {};
  for (let i = 0; i < MAX_COLUMNS_PER_LEVEL + 15; i++) wide[`f${i}`] = i;
  s.observe(wide);
  assert.equal(s.columns().length, MAX_COLUMNS_PER_LEVEL);
  assert.equal(paths(s).at(-1), `f${MAX_COLUMNS_PER_LEVEL - 1}`);
});

test('clear forgets every column and expansion', () => {
  const s = new ColumnSet();
  s.observe({ a: { b: 1 } });
  s.expand('a', [{ a: { b: 1 } }]);
  s.clear();
  assert.deepEqual(s.columns(), []);
  s.observe({ a: { b: 1 } });
  assert.deepEqual(paths(s), ['a']);
});

test('sortRows orders by a nested column, both ways, and keeps arrival order between equal values', () => {
  const rows = [
    { seq: 0, doc: { v: { n: 3 } } },
    { seq: 1, doc: { v: { n: 1 } } },
    { seq: 2, doc: { v: { n: 3 } } },
    { seq: 3, doc: { v: {} } },
    { seq: 4, doc: { v: { n: { $numberLong: '2' } } } },
  ];
  const asc = sortRows(rows, (r) => r.doc, { path: 'v.n', dir: 1 }).map((r) => r.seq);
  assert.deepEqual(asc, [3, 1, 4, 0, 2]);
  const desc = sortRows(rows, (r) => r.doc, { path: 'v.n', dir: -1 }).map((r) => r.seq);
  assert.deepEqual(desc, [0, 2, 4, 1, 3]);
  // The input is not reordered in place.
  assert.deepEqual(rows.map((r) => r.seq), [0, 1, 2, 3, 4]);
});

test('nextSort cycles ascending, descending, unsorted, and starts over on another column', () => {
  const a1 = nextSort(undefined, 'a');
  assert.deepEqual(a1, { path: 'a', dir: 1 });
  const a2 = nextSort(a1, 'a');
  assert.deepEqual(a2, { path: 'a', dir: -1 });
  assert.equal(nextSort(a2, 'a'), undefined);
  assert.deepEqual(nextSort(a2, 'b'), { path: 'b', dir: 1 });
});

test('compareValues follows BSON type order, then value within a type', () => {
  const values: unknown[] = [{ $date: '2026-01-02T00:00:00Z' }, true, 'b', { x: 1 }, 10, null, [1], { $oid: '65a000000000000000000000' }, 'a', 2.5, { $date: '2026-01-01T00:00:00Z' }];
  const sorted = [...values].sort(compareValues);
  assert.deepEqual(sorted, [null, 2.5, 10, 'a', 'b', { x: 1 }, [1], { $oid: '65a000000000000000000000' }, true, { $date: '2026-01-01T00:00:00Z' }, { $date: '2026-01-02T00:00:00Z' }]);
  assert.ok(compareValues({ $numberDecimal: '1.5' }, 2) < 0);
  assert.equal(compareValues(undefined, null), 0);
});

test('valueAt walks dotted paths and stops at non-objects', () => {
  const d = { a: { b: { c: 7 } }, s: 'x' };
  assert.equal(valueAt(d, 'a.b.c'), 7);
  assert.equal(valueAt(d, 'a.z.c'), undefined);
  assert.equal(valueAt(d, 's.length'), undefined);
  assert.equal(valueAt(null, 'a'), undefined);
});

test('valueText unwraps Extended JSON for cells: dates as ISO, ObjectId as hex, numbers as their digits', () => {
  assert.equal(valueText({ $date: '2026-03-01T10:00:00.5Z' }), '2026-03-01T10:00:00.500Z');
  assert.equal(valueText({ $date: { $numberLong: '0' } }), '1970-01-01T00:00:00.000Z');
  assert.equal(valueText({ $oid: '65a000000000000000000001' }), '65a000000000000000000001');
  assert.equal(valueText({ $numberDecimal: '1.10' }), '1.10');
  assert.equal(valueText({ $numberLong: '9007199254740993' }), '9007199254740993');
  assert.equal(valueText('plain'), 'plain');
  assert.equal(valueText(null), '');
  assert.equal(valueText(undefined), '');
  assert.equal(valueText({ a: [1, 'x'] }), '{"a":[1,"x"]}');
  assert.equal(valueText({ $date: 'not a date' }), '{"$date":"not a date"}');
});

test('dateMillis reads the three $date forms and nothing else', () => {
  assert.equal(dateMillis({ $date: '1970-01-01T00:00:01Z' }), 1000);
  assert.equal(dateMillis({ $date: 2500 }), 2500);
  assert.equal(dateMillis({ $date: { $numberLong: '-5' } }), -5);
  assert.equal(dateMillis('1970-01-01T00:00:01Z'), undefined);
  assert.equal(dateMillis({ $date: 'garbage' }), undefined);
});
