/**
 * Checkpoint overhead: a tumbling-window $group holding 100k open keys, fed as fast as it goes,
 * with a checkpoint every second (file store: encode, fsync, rename) versus none, in one run.
 * Reports throughput of both and the stall (snapshot + encode, between two batches) per checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../engine/core/clock';
import type { Meta } from '../engine/core/meta';
import { builtinRegistry } from '../engine/connectors/catalog/registry';
import { buildChain } from '../engine/pipeline/chain';
import { validatePipeline } from '../engine/pipeline/validate';
import { CheckpointCoordinator } from '../engine/runtime/checkpoint/coordinator';
import { FileCheckpointStore } from '../engine/runtime/checkpoint/fileStore';
import { tableSnapshot } from '../engine/runtime/checkpoint/codec';
import { percentile } from '../engine/runtime/stats';
import type { Operator } from '../engine/core/operator';
import { median, ratioFields } from './rounds';
import type { BenchResult } from './types';

const KEYS = 100_000;
const BATCH = 1000;
const T0 = Date.UTC(2024, 0, 1);

/** `before` stages, then a one-hour tumbling window with $group (count, avg, max by `k`), fed directly. */
export function windowChain(before: Record<string, unknown>[] = []): Operator {
  const v = validatePipeline(
    [
      { $source: { documents: [] } },
      ...before,
      { $tumblingWindow: { interval: { size: 1, unit: 'hour' }, pipeline: [{ $group: { _id: '$k', n: { $count: {} }, avg: { $avg: '$v' }, max: { $max: '$v' } } }] } },
    ],
    [],
    { connections: builtinRegistry(), hasDlq: true, mode: 'preview' },
  );
  const rt = { clock: systemClock, slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 'bench' };
  return buildChain(v.stages.slice(1), rt, () => undefined);
}

export interface Segment {
  /** Documents per CPU-second of this process (all threads: encode, CRC, write and fsync included). */
  cpuRate: number;
  /** Documents per wall-clock second. */
  wallRate: number;
  stalls: number[];
  bytes: number;
}

/**
 * Feed a window holding `keys` open keys for `ms`, checkpointing every `checkpointEveryMs`
 * (0: never) into `dir`. Also used by the scaling benchmark.
 */
export async function measure(ms: number, checkpointEveryMs: number, dir: string, keys = KEYS, chain = windowChain()): Promise<Segment> {
  const metas: Meta[] = [];
  for (let i = 0; i < BATCH; i++) metas.push({ ts: T0 + i, source: { type: 'documents' } });
  // Open every key before timing so the state really holds that many keys throughout.
  let i = 0;
  for (; i < keys; i++) chain.push({ k: i, v: i }, metas[0]!);
  let bytes = 0;
  const coord = new CheckpointCoordinator(
    new FileCheckpointStore(dir, { keep: 2 }),
    {
      cut: () => {
        const tables: Record<string, unknown> = {};
        (chain.tables?.() ?? []).forEach((t, i) => (tables[`${i}:${t.name}`] = tableSnapshot(t)));
        return { positions: { source: { n: 0 } }, tables };
      },
      drain: async () => undefined,
    },
    { intervalMs: checkpointEveryMs, clock: systemClock },
  );
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let j = 0; j < BATCH; j++, i++) chain.push({ k: i % keys, v: i }, metas[j]!);
    n += BATCH;
    chain.watermark?.(T0 + 1000);
    if (coord.due()) void coord.checkpoint().then((c) => (bytes = c.bytes), () => undefined);
    // Both modes yield once per batch so file I/O can progress; the cost is the same for both.
    await new Promise<void>((r) => setImmediate(r));
  }
  const elapsed = performance.now() - start;
  // A checkpoint still being written belongs to this segment's cost.
  await coord.settle();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { cpuRate: (n * 1000) / cpuMs, wallRate: (n * 1000) / elapsed, stalls: [...coord.stalls], bytes };
}

export const bench = {
  name: 'checkpoint',
  /**
   * Ratio of documents per CPU-second with and without checkpoints: on a shared machine other
   * processes steal wall time unevenly, while CPU time is what the checkpoints actually cost.
   * Wall-clock rates are reported alongside.
   */
  run: async (opts: { seconds: number }): Promise<BenchResult> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asp-bench-ckpt-'));
    try {
      // Segments long enough for three checkpoints each, alternated so machine noise hits both.
      const seg = Math.max(3100, (opts.seconds * 1000) / 6);
      const base: Segment[] = [];
      const ck: Segment[] = [];
      // Warm both paths up so neither mode pays for the JIT.
      await measure(1200, 500, dir);
      for (let r = 0; r < 3; r++) {
        base.push(await measure(seg, 0, dir));
        ck.push(await measure(seg, 1000, dir));
      }
      const stalls = ck.flatMap((s) => s.stalls).sort((a, b) => a - b);
      return {
        ...ratioFields(ck.map((s) => s.cpuRate), base.map((s) => s.cpuRate)),
        wallDocsPerSec: Math.round(median(ck.map((s) => s.wallRate))),
        wallBaselineDocsPerSec: Math.round(median(base.map((s) => s.wallRate))),
        stallP50Ms: percentile(stalls, 0.5),
        stallP99Ms: percentile(stalls, 0.99),
        checkpoints: stalls.length,
        checkpointBytes: Math.max(...ck.map((s) => s.bytes)),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (require.main === module) {
  void bench.run({ seconds: Number(process.argv[2] ?? 8) }).then((r) => process.stdout.write(`${JSON.stringify({ name: bench.name, ...r, ratio: (r.docsPerSec as number) / (r.baselineDocsPerSec as number) })}\n`));
}
