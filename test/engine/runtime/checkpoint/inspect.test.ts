import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../../engine/pipeline/analyze';
import { buildChain } from '../../../../engine/pipeline/chain';
import { builtinRegistry } from '../../../../engine/connectors/catalog/registry';
import { ManualClock } from '../../../../engine/core/clock';
import type { Value } from '../../../../engine/core/types';
import { detail } from '../../../../engine/runtime/checkpoint/inspect';
import { decodeCheckpoint, encodeCheckpoint, tableSnapshot } from '../../../../engine/runtime/checkpoint/codec';

const T0 = Date.UTC(2024, 0, 1);
const GROUP = { $group: { _id: '$k', n: { $count: {} } } };

/** Feed `perWindow` documents with `keys` distinct keys into each of `windows` 10 s windows; return the checkpoint detail. */
function inspectWindow(stage: object, windows: number, keys: number, perWindow: number) {
  const a = analyzeText(JSON.stringify([{ $source: { documents: [] } }, stage]), { connections: builtinRegistry() });
  assert.equal(a.hasErrors, false, JSON.stringify(a.diagnostics));
  const v = a.validated!;
  const op = buildChain(v.stages.slice(1), { clock: new ManualClock(0), slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 't' }, () => undefined);
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < perWindow; i++) op.push({ k: i % keys, x: i }, { ts: T0 + w * 10_000 + i, source: { type: 'documents' } });
  }
  const tables: Record<string, Value> = {};
  op.tables!().forEach((t, i) => (tables[`${i}:${t.name}`] = tableSnapshot(t)));
  const c = decodeCheckpoint(encodeCheckpoint({ id: 7, time: T0, positions: { source: { index: 3 } }, tables }).sections);
  return detail('p', c, 100, 2);
}

function openWindows(d: ReturnType<typeof detail>): { start: string; keys: number }[] {
  const t = Object.values(d.operators[0]!.tables)[0] as unknown as { openWindows: { start: string; keys: number }[] };
  return t.openWindows.map((w) => ({ start: w.start, keys: w.keys }));
}

// [name, window stage, windows, distinct keys, documents per window, expected "keys" per window]
const CASES: [string, object, number, number, number, number][] = [
  ['tumbling over panes', { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [GROUP] } }, 2, 300, 900, 300],
  ['one instance per window ($push is not mergeable)', { $hoppingWindow: { interval: { size: 10, unit: 'second' }, hopSize: { size: 10, unit: 'second' }, pipeline: [{ $group: { _id: '$k', a: { $push: '$x' } } }] } }, 3, 40, 200, 40],
  ['a $sort before $group holds documents, counted instead', { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [{ $sort: { x: 1 } }, GROUP] } }, 2, 40, 200, 200],
  ['one key', { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [GROUP] } }, 1, 1, 50, 1],
];

for (const [name, stage, windows, keys, perWindow, expected] of CASES) {
  test(`checkpoint detail counts the keys of each open window: ${name}`, () => {
    const d = inspectWindow(stage, windows, keys, perWindow);
    assert.deepEqual(
      openWindows(d),
      Array.from({ length: windows }, (_, w) => ({ start: new Date(T0 + w * 10_000).toISOString(), keys: expected })),
    );
    assert.deepEqual(d.sourcePositions, { source: { index: 3 } });
  });
}

test('checkpoint detail lists session windows, one per partition and session', () => {
  // Three partitions (k = 0, 1, 2 start 1 ms apart), two sessions each, 10 s apart.
  const d = inspectWindow({ $sessionWindow: { partitionBy: '$k', gap: { size: 1, unit: 'second' }, pipeline: [GROUP] } }, 2, 3, 30);
  const w = openWindows(d);
  assert.equal(w.length, 6);
  assert.ok(w.every((x) => x.keys === 1));
  assert.equal(w[3]!.start, new Date(T0 + 10_000).toISOString());
});
