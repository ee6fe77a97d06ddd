import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EJSON } from 'bson';
import { Harness, clean } from './_harness';
import type { Doc } from '../../../engine/core/types';

const g = { $group: { _id: '$k', n: { $count: {} }, avg: { $avg: '$v' }, vs: { $push: '$v' }, top: { $top: { sortBy: { v: -1 }, output: '$v' } } } };
const specs: [string, Doc][] = [
  ['tumbling', { $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: { size: 5, unit: 'ms' }, pipeline: [g, { $sort: { _id: 1 } }] } }],
  ['tumbling pass-through', { $tumblingWindow: { interval: { size: 10, unit: 'ms' }, allowedLateness: 0, pipeline: [{ $sort: { v: 1 } }, { $limit: 3 }] } }],
  ['hopping panes', { $hoppingWindow: { interval: { size: 20, unit: 'ms' }, hopSize: { size: 5, unit: 'ms' }, allowedLateness: 0, pipeline: [{ $group: { _id: '$k', s: { $sum: '$v' }, m: { $max: '$v' } } }, { $sort: { _id: 1 } }] } }],
  ['hopping instances', { $hoppingWindow: { interval: { size: 20, unit: 'ms' }, hopSize: { size: 5, unit: 'ms' }, allowedLateness: 0, pipeline: [g, { $sort: { _id: 1 } }] } }],
  ['session', { $sessionWindow: { partitionBy: '$k', gap: { size: 4, unit: 'ms' }, allowedLateness: 0, pipeline: [g] } }],
];

const stream: [Doc, number][] = Array.from({ length: 60 }, (_, i) => [{ k: `k${i % 3}`, v: (i * 7) % 11 }, i * 2 - (i % 5 === 0 ? 9 : 0)]);

test('operator tables survive an EJSON snapshot/restore in the middle of a stream', () => {
  for (const [name, spec] of specs) {
    const straight = new Harness(spec);
    for (const [d, t] of stream) straight.push({ ...d }, t);
    straight.flush();

    const first = new Harness(spec);
    const cut = 27;
    for (const [d, t] of stream.slice(0, cut)) first.push({ ...d }, t);
    const tables = first.op.tables!();
    assert.ok(tables.length > 0 && tables.every((t) => t.size() >= 0), name);
    const saved = EJSON.stringify(tables.map((t) => t.snapshot()) as Doc[], { relaxed: false });

    const resumed = new Harness(spec);
    const restored = EJSON.parse(saved) as Doc[];
    resumed.op.tables!().forEach((t, i) => t.restore(restored[i]));
    for (const [d, t] of stream.slice(cut)) resumed.push({ ...d }, t);
    resumed.flush();

    const both = [...first.out, ...resumed.out];
    assert.ok(straight.out.length > 3, name);
    assert.deepEqual(clean(both.map((o) => o.doc)), clean(straight.docs()), name);
    assert.deepEqual(both.map((o) => o.meta.window!.start.getTime()), straight.out.map((o) => o.meta.window!.start.getTime()), name);
    assert.deepEqual([...first.dlq, ...resumed.dlq].map((d) => d.missedWindowStartTimes), straight.dlq.map((d) => d.missedWindowStartTimes), name);
  }
});
