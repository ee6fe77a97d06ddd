/** The output panel's event-time histogram: event times, binning, lateness, ticks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LATE_REASON, binTimes, rowEventTime, sourceTsField, eventTimeOf, formatDuration, isLateRecord, project, tickLabel, timeTicks, type TimePoint } from '../../client/panel/histogram';

const T0 = Date.parse('2026-12-03T10:00:00Z');

test('event time: the _ts field, a custom field, a DLQ record\'s input document, a window\'s start', () => {
  assert.equal(eventTimeOf({ _ts: { $date: '2026-12-03T10:00:00Z' } }, false), T0);
  assert.equal(eventTimeOf({ at: { $date: T0 + 5 } }, false, 'at'), T0 + 5);
  assert.equal(eventTimeOf({ errInfo: { reason: 'x' }, doc: { _ts: { $date: { $numberLong: String(T0) } } } }, true), T0);
  assert.equal(eventTimeOf({ total: 3, _stream_meta: { window: { start: { $date: '2026-12-03T10:00:00Z' }, end: { $date: '2026-12-03T10:01:00Z' } } } }, false), T0);
  assert.equal(eventTimeOf({ plain: 1 }, false), undefined);
  assert.equal(eventTimeOf({ _ts: '2026-12-03T10:00:00Z' }, false), undefined);
});

test('a late record is recognised by its reason', () => {
  assert.equal(isLateRecord({ errInfo: { reason: LATE_REASON } }), true);
  assert.equal(isLateRecord({ errInfo: { reason: 'Failed to evaluate' } }), false);
  assert.equal(isLateRecord(undefined), false);
});

test('binTimes puts each point in its cell, counts late ones apart and spans the watermark', () => {
  const points: TimePoint[] = [
    { proc: 0, event: T0, late: false },
    { proc: 1000, event: T0 + 1000, late: false },
    { proc: 1000, event: T0 + 1000, late: false },
    { proc: 2000, event: T0 + 400, late: true },
    { proc: 4000, event: T0 + 4000, late: false },
  ];
  const b = binTimes(points, [{ at: 2000, watermark: T0 - 1000 }, { at: 9999, watermark: T0 + 10_000 }], 4, 5)!;
  assert.ok(b);
  assert.deepEqual([b.x0, b.x1], [0, 4000]);
  // The first watermark sample lies in the processing-time span, the second after it.
  assert.deepEqual([b.y0, b.y1], [T0 - 1000, T0 + 4000]);
  assert.equal(b.total, 5);
  assert.equal(b.lateTotal, 1);
  assert.equal(b.max, 2);
  const cell = (proc: number, event: number): number => {
    const c = Math.min(3, Math.floor((proc / 4000) * 4));
    const r = Math.min(4, Math.floor(((event - b.y0) / 5000) * 5));
    return r * 4 + c;
  };
  assert.equal(b.counts[cell(1000, T0 + 1000)], 2);
  assert.equal(b.late[cell(2000, T0 + 400)], 1);
  assert.equal(b.counts[cell(4000, T0 + 4000)], 1);
  assert.equal([...b.counts].reduce((a, n) => a + n, 0), 5);
  // T0+400 arrived after T0+1000 had been seen.
  assert.equal(b.maxBehindMs, 600);
});

test('a single instant still gets a domain with a width; no points, no bins', () => {
  const b = binTimes([{ proc: 10, event: T0, late: false }], [], 10, 10)!;
  assert.equal(b.x1 - b.x0, 1000);
  assert.equal(b.y1 - b.y0, 1000);
  assert.equal(b.counts[5 * 10 + 5], 1);
  assert.equal(binTimes([], [], 10, 10), undefined);
  assert.equal(binTimes([{ proc: 0, event: 0, late: false }], [], 0, 10), undefined);
});

test('project maps the domain onto 0..1', () => {
  const b = binTimes([{ proc: 0, event: 0, late: false }, { proc: 100, event: 1000, late: false }], [], 2, 2)!;
  assert.deepEqual(project(b, 50, 250), { fx: 0.5, fy: 0.25 });
  assert.deepEqual(project(b, 200, -1000), { fx: 2, fy: -1 });
});

test('time ticks fall on round steps inside the span, with labels as precise as the step', () => {
  const { step, ticks } = timeTicks(T0 + 300, T0 + 10_300, 2);
  assert.equal(step, 5000);
  assert.deepEqual(ticks, [T0 + 5000, T0 + 10_000]);
  assert.equal(tickLabel(T0 + 5000, step), '10:00:05');
  assert.equal(tickLabel(T0, 60_000), '10:00');
  assert.equal(tickLabel(T0 + 250, 50), '10:00:00.250');
  assert.equal(tickLabel(T0, 86_400_000), '2026-12-03');
  assert.equal(timeTicks(0, 10 * 86_400_000 * 30, 3).step % 86_400_000, 0);
});

test('durations read like a person would say them', () => {
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(3200), '3.2 s');
  assert.equal(formatDuration(42_000), '42 s');
  assert.equal(formatDuration(250_000), '4 min 10 s');
  assert.equal(formatDuration(120_000), '2 min');
});

test('the event-time field is the $source tsFieldName, else _ts', () => {
  assert.equal(sourceTsField([{ $source: { connectionName: 'k', tsFieldName: 'eventAt' } }]), 'eventAt');
  assert.equal(sourceTsField([{ $source: { connectionName: 'k', tsFieldOverride: 'old' } }]), 'old');
  assert.equal(sourceTsField([{ $source: { documents: [] } }]), '_ts');
  assert.equal(sourceTsField([{ $match: {} }]), '_ts');
  assert.equal(sourceTsField([]), '_ts');
});

test('rowEventTime reads a row once and keeps the answer on it, none included', () => {
  const row: { doc: unknown; dlq: boolean; eventTime?: number | null } = { doc: { _ts: { $date: T0 } }, dlq: false };
  assert.equal(rowEventTime(row, '_ts'), T0);
  assert.equal(row.eventTime, T0);
  row.doc = { _ts: { $date: T0 + 1 } };
  assert.equal(rowEventTime(row, '_ts'), T0, 'cached');
  const none: { doc: unknown; dlq: boolean; eventTime?: number | null } = { doc: { x: 1 }, dlq: false };
  assert.equal(rowEventTime(none, '_ts'), undefined);
  assert.equal(none.eventTime, null);
});
