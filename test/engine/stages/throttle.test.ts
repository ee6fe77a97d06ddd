/**
 * $throttle: the token buckets on an injected clock (exact waits), nothing dropped, order kept,
 * nothing held back at a batch boundary (the source waits instead), its state in verbose
 * operatorStats, its parse rules, and a window after it that closes behind the queued documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateObjectSize } from 'bson';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { PipelineRun } from '../../../engine/pipeline/run';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { ManualClock } from '../../../engine/core/clock';
import type { Doc } from '../../../engine/core/types';
import { chainStagesOf, StageProbe } from '../../../engine/runtime/stageProbe';
import { operatorStats } from '../../../engine/runtime/operatorStats';
import { TokenBucket } from '../../../engine/time/tokenBucket';

const T0 = 1_700_000_000_000;

async function throttled(docs: Doc[], spec: Doc) {
  const connections = builtinRegistry();
  const pipeline = [{ $source: { documents: docs } }, { $project: { _ts: 0 } }, { $throttle: spec }];
  const a = analyzeText(JSON.stringify(pipeline), { connections });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const clock = new ManualClock(T0);
  const probe = new StageProbe(chainStagesOf(a.validated!), () => clock.now());
  const out: Doc[] = [];
  const boundaries: [number, number][] = [];
  const run = new PipelineRun(a.processor!, a.validated!, {
    connections, clock, probe, projectStreamMeta: false,
    onOutput: (d) => void out.push(d),
    onBatch: (r) => void boundaries.push([r.stats.inputMessageCount, out.length]),
  });
  await run.run();
  const stats = operatorStats({ pipeline, registry: connections, run: run.stats, probe, outputBytes: 0, stateSize: 0, now: clock.now() });
  return { out, waited: clock.now() - T0, boundaries, stats: stats[2]! };
}

test('messagesPerSec: a full bucket passes at once, then one document per 1/rate, none dropped', async () => {
  const docs = Array.from({ length: 35 }, (_, i) => ({ i }));
  const r = await throttled(docs, { messagesPerSec: 10 });
  assert.deepEqual(r.out.map((d) => d['i']), docs.map((d) => d.i));
  assert.equal(r.waited, 2500, '25 documents over the first 10, at 100 ms each');
  assert.equal(r.stats['name'], 'ThrottleOperator');
  const t = r.stats['throttle'] as Doc;
  assert.equal(t['throttledTimeMs'], 2500);
  assert.equal(t['throttleEvents'], 25);
  assert.equal(t['queued'], 0);
  for (const [read, passed] of r.boundaries) assert.equal(passed, read, 'at a batch boundary every document read has been passed on');
});

test('bytesPerSec: waits for the bytes beyond the first second, and the slower limit wins', async () => {
  const docs = Array.from({ length: 40 }, (_, i) => ({ i, pad: 'x'.repeat(80) }));
  const size = calculateObjectSize(docs[0]!);
  const total = size * docs.length;
  const r = await throttled(docs, { bytesPerSec: 1000, messagesPerSec: 1000 });
  assert.equal(r.out.length, 40);
  const expected = ((total - 1000) / 1000) * 1000;
  assert.ok(r.waited >= expected - size && r.waited <= expected + docs.length, `waited ${r.waited} ms for ${total} bytes at 1000 B/s (expected about ${expected})`);
});

test('a document larger than bytesPerSec still passes, and the next one waits for the debt', async () => {
  const big = { pad: 'y'.repeat(500) };
  const size = calculateObjectSize(big);
  const r = await throttled([big, { n: 1 }], { bytesPerSec: 100 });
  assert.equal(r.out.length, 2);
  const small = calculateObjectSize({ n: 1 });
  assert.ok(r.waited >= ((size - 100 + small) / 100) * 1000 - 10, `waited ${r.waited}`);
});

test('token bucket: continuous refill, capped at one second of tokens', () => {
  const b = new TokenBucket(4, 0);
  assert.equal(b.waitMs(4, 0), 0);
  b.take(4, 0);
  assert.equal(b.waitMs(1, 0), 250);
  assert.equal(b.available(125), 0.5);
  assert.equal(b.available(10_000), 4);
  assert.equal(b.waitMs(9, 10_000), 0, 'a cost above capacity waits only for a full bucket');
});

test('parse rules: at least one rate, positive integers', () => {
  const diags = (spec: unknown) => analyzeText(JSON.stringify([{ $source: { documents: [] } }, { $throttle: spec }]), { connections: builtinRegistry() }).diagnostics.map((d) => d.message);
  assert.ok(diags({}).includes("$throttle requires at least one of 'bytesPerSec' or 'messagesPerSec'"));
  assert.ok(diags({ messagesPerSec: 0 }).includes('$throttle.messagesPerSec must be a positive integer'));
  assert.ok(!diags({ messagesPerSec: 5 }).some((m) => /Atlas only/.test(m)), 'runs locally: no Atlas-only warning');
});

test('a window after $throttle closes only once the queued documents reached it (none late)', async () => {
  // 40 documents at 10/s: most of them wait in the queue while the watermark passes 1 s.
  const docs = Array.from({ length: 40 }, (_, i) => ({ i, t: { $date: new Date(T0 + i * 50).toISOString() } }));
  const pipeline = [
    { $source: { documents: docs, timeField: '$t' } },
    { $throttle: { messagesPerSec: 10 } },
    { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: null, n: { $sum: 1 } } }, { $project: { _id: 0, n: 1 } }] } },
  ];
  const connections = builtinRegistry();
  const a = analyzeText(JSON.stringify({ name: 't', pipeline }), { connections });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const out: Doc[] = [];
  const dlq: Doc[] = [];
  const run = new PipelineRun(a.processor!, a.validated!, { connections, clock: new ManualClock(T0), projectStreamMeta: false, onOutput: (d) => void out.push(d), onDlq: (d) => void dlq.push(d) });
  await run.run();
  assert.deepEqual(dlq, []);
  assert.deepEqual(out, [{ n: 20 }, { n: 20 }]);
});
