import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { ManualClock } from '../../../engine/core/clock';
import type { Doc } from '../../../engine/core/types';
import { chainStagesOf, StageProbe } from '../../../engine/runtime/stageProbe';

const T0 = Date.UTC(2024, 0, 1);

async function traced(pipeline: object[], perStage: number) {
  const connections = builtinRegistry();
  const a = analyzeText(JSON.stringify(pipeline), { connections });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const clock = new ManualClock(T0);
  const probe = new StageProbe(chainStagesOf(a.validated!), () => clock.now(), { perStage, metaField: '_stream_meta', processorName: 'dbg' });
  const out: Doc[] = [];
  const dlq: Doc[] = [];
  const run = new PipelineRun(a.processor!, a.validated!, { connections, clock, probe, onOutput: (d) => void out.push(d), onDlq: (r) => void dlq.push(r) });
  await run.run();
  return { probe, out, dlq, run };
}

test('stage trace: counts, first N emitted and dropped per stage, DLQ records at the stage that raised them', async () => {
  const docs = [{ a: 1 }, { a: 5 }, { a: 'x' }, { a: 7 }, { a: 0 }, { a: 9 }];
  const { probe, out, dlq, run } = await traced(
    [
      { $source: { documents: docs } },
      { $match: { a: { $ne: 0 } } },
      { $addFields: { b: { $multiply: ['$a', 2] } } },
      { $project: { _id: 0, a: 1, b: 1 } },
    ],
    2,
  );
  assert.equal(out.length, 4);
  assert.equal(dlq.length, 1);
  const traces = probe.traces({ name: '$source', inCount: run.stats.inputMessageCount, dlqCount: 0 });
  // [stage, in, out, dropped, dlq, emitted a's, dropped a's, dlq count]
  const rows = traces.map((t) => [t.stage, t.inCount, t.outCount, t.droppedCount, t.dlqCount, t.emitted.map((d) => d['a']), t.dropped.map((d) => d['a']), t.dlq.length]);
  assert.deepEqual(rows, [
    ['$source', 6, 6, 0, 0, [1, 5], [], 0],
    ['$match', 6, 5, 1, 0, [1, 5], [0], 0],
    ['$addFields', 5, 4, 0, 1, [1, 5], [], 1],
    ['$project', 4, 4, 0, 0, [1, 5], [], 0],
  ]);
  assert.deepEqual(traces.map((t) => t.index), [0, 1, 2, 3]);
  const rec = traces[2]!.dlq[0]!;
  assert.equal(rec['operatorName'], 'AddFieldsOperator');
  assert.equal((rec['doc'] as Doc)['a'], 'x');
  assert.deepEqual(traces[3]!.emitted[0], { a: 1, b: 2 });
});

test('stage probe: windows absorb documents (never "dropped") and timing samples the first document', async () => {
  const docs = Array.from({ length: 300 }, (_, i) => ({ k: i % 3, t: { $date: new Date(T0 + i * 100).toISOString() } }));
  const { probe } = await traced(
    [
      { $source: { documents: docs, timeField: '$t' } },
      { $tumblingWindow: { interval: { size: 10, unit: 'second' }, pipeline: [{ $group: { _id: '$k', n: { $count: {} } } }] } },
    ],
    5,
  );
  const traces = probe.traces({ name: '$source', inCount: 300, dlqCount: 0 });
  assert.deepEqual(traces.map((t) => [t.stage, t.inCount, t.outCount, t.droppedCount, t.dropped.length]), [
    ['$source', 300, 300, 0, 0],
    ['$tumblingWindow', 300, 9, 0, 0],
  ]);
  assert.equal(traces[1]!.emitted.length, 5);
  // Documents 1 and 257 were timed.
  assert.equal(probe.latency[0]!.summary(T0).count, 2);
});

test('stage probe without trace: counts only, nothing captured', async () => {
  const connections = builtinRegistry();
  const a = analyzeText(JSON.stringify([{ $source: { documents: [{ a: 1 }, { a: 2 }] } }, { $match: { a: 2 } }]), { connections });
  const probe = new StageProbe(chainStagesOf(a.validated!), () => T0);
  await new PipelineRun(a.processor!, a.validated!, { connections, clock: new ManualClock(T0), probe }).run();
  assert.deepEqual([probe.inCount, probe.dlqCount], [[2, 1], [0, 0]]);
  assert.deepEqual(probe.traces({ name: '$source', inCount: 2, dlqCount: 0 })[1]!.dropped, []);
});
