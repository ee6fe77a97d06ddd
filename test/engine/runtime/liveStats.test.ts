import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Services } from '../../../engine/io/types';
import { systemClock } from '../../../engine/core/clock';
import { EphemeralRuns } from '../../../engine/runtime/ephemeral';
import { ProcessorManager } from '../../../engine/runtime/manager';
import { liveStats } from '../../../engine/runtime/liveStats';
import { chainStagesOf, StageProbe } from '../../../engine/runtime/stageProbe';
import type * as P from '../../../shared/protocol';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';

const T0 = Date.UTC(2024, 0, 1);
const at = (s: number) => ({ $date: new Date(T0 + s * 1000).toISOString() });
/** 26 documents one second apart, then one 3 s into the first window: late once the watermark passed 13 s. */
const docs = [...Array.from({ length: 26 }, (_, i) => ({ v: i, t: at(i) })), { v: 99, t: at(3) }];
const windowed = (extra: object[] = []) => [
  { $source: { documents: docs, timeField: { $toDate: '$t' } } },
  { $match: { v: { $gte: 0 } } },
  { $tumblingWindow: { interval: { size: 10, unit: 'second' }, allowedLateness: { size: 10, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $sum: 1 } } }] } },
  ...extra,
];

test('live stats of a running pipeline: counts per stage, open panes with their documents, the watermark', async () => {
  const connections = builtinRegistry();
  const a = analyzeText(JSON.stringify(windowed()), { connections });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const probe = new StageProbe(chainStagesOf(a.validated!), () => Date.now());
  // drain: false keeps the windows open at the end of the documents, like a processor.
  const run = new PipelineRun(a.processor!, a.validated!, { connections, probe, drain: false });
  const done = run.run();
  await waitFor(() => probe.inCount[0] === docs.length && run.stats.watermark > -Infinity, 'every document read');
  const live = liveStats({ name: 'w', state: 'running', pipeline: a.processor!.pipeline, probe, run: run.stats, now: Date.now() });
  run.stop();
  await done;
  assert.deepEqual(live.stages.map((s) => [s.index, s.stage, s.inCount, s.outCount, s.dlqCount]), [
    [0, '$source', 27, 27, 0],
    [1, '$match', 27, 27, 0],
    [2, '$tumblingWindow', 27, 1, 1],
  ]);
  assert.equal(live.watermark, T0 + 25_000 - 1);
  assert.deepEqual([live.input, live.output, live.dlq], [27, 1, 1]);
  assert.equal(live.windows.length, 1);
  const w = live.windows[0]!;
  assert.deepEqual({ ...w, panes: undefined }, { index: 2, stage: '$tumblingWindow', kind: 'tumbling', sizeMs: 10_000, hopMs: 10_000, allowedLatenessMs: 10_000, processingTime: false, paneCount: 2, closedBefore: T0 + 10_000, panes: undefined });
  // The first window fired (its 10 documents plus none late); 10..19 s and 20..25 s are open.
  assert.deepEqual(w.panes, [
    { start: T0 + 10_000, end: T0 + 20_000, docs: 10 },
    { start: T0 + 20_000, end: T0 + 30_000, docs: 6 },
  ]);
  assert.ok(live.stages[1]!.latencySamples! >= 1, 'the first document was timed');
});

function services(t: { after(fn: () => void | Promise<void>): void }): () => Services {
  const dir = tempDir(t);
  const registry = builtinRegistry();
  let s: Services | undefined;
  t.after(async () => void (await s?.close()));
  return () => (s ??= createServices(registry, { stateDir: dir }));
}

test('a Run reports its last live stats before it ends, and keeps them readable', async (t) => {
  const registry = builtinRegistry();
  const runs = new EphemeralRuns({ clock: systemClock, registry: () => registry, services: services(t) });
  const events: string[] = [];
  let last: P.LiveStats | undefined;
  const ended = new Promise<void>((resolve) => {
    runs.start({ name: 'r', pipeline: windowed() }, {
      output: () => undefined,
      progress: (p) => {
        events.push(`progress:${p.state}`);
        last = p;
      },
      ended: () => {
        events.push('ended');
        resolve();
      },
    });
  });
  await ended;
  assert.deepEqual(events.slice(-2), ['progress:ended', 'ended']);
  // Drained: every window fired, none is open.
  assert.deepEqual(last!.stages.map((s) => [s.stage, s.inCount, s.outCount, s.dlqCount]), [
    ['$source', 27, 27, 0],
    ['$match', 27, 27, 0],
    ['$tumblingWindow', 27, 3, 1],
  ]);
  assert.deepEqual([last!.windows[0]!.paneCount, last!.windows[0]!.panes], [0, []]);
  assert.equal(runs.liveStats('r')?.state, 'ended');
  assert.equal(runs.liveStats('nope'), undefined);
});

test('a started processor reports live stats with its sink stage', async (t) => {
  const dir = tempDir(t);
  const registry = builtinRegistry();
  let s: Services | undefined;
  const m = new ProcessorManager({ stateDir: dir, registry: () => registry, services: () => (s ??= createServices(registry, { stateDir: dir })), checkpointIntervalMs: 0 });
  t.after(async () => {
    await m.close();
    await s?.close();
  });
  await m.open();
  await m.create({ name: 'p', pipeline: windowed([{ $merge: { into: { connectionName: 'local', db: 't', coll: 'out' } } }]) });
  await m.start({ name: 'p' });
  const live = await waitFor(() => {
    const l = m.live('p');
    return l && l.stages[0]!.inCount === docs.length && l.stages[3]?.inCount === 1 ? l : undefined;
  }, 'all documents read and one window written');
  assert.deepEqual(live.stages.map((x) => [x.index, x.stage, x.inCount, x.outCount]), [
    [0, '$source', 27, 27],
    [1, '$match', 27, 27],
    [2, '$tumblingWindow', 27, 1],
    [3, '$merge', 1, 1],
  ]);
  assert.deepEqual(live.windows[0]!.panes.map((p) => p.docs), [10, 6]);
  assert.equal(m.live('missing'), undefined);
});
