/**
 * Checkpoint overhead: a tumbling-window $group holding 100k open keys, fed as fast as it goes,
 * with a checkpoint every second (file store: encode, fsync, rename) versus none, in one run.
 * Reports throughput of both and the p99 stall (snapshot + encode) a checkpoint causes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../engine/core/clock';
import type { Meta } from '../engine/core/meta';
import type { Doc } from '../engine/core/types';
import { builtinRegistry } from '../engine/connections/registry';
import { buildChain } from '../engine/pipeline/chain';
import { validatePipeline } from '../engine/pipeline/validate';
import { CheckpointCoordinator } from '../engine/runtime/checkpoint/coordinator';
import { FileCheckpointStore } from '../engine/runtime/checkpoint/fileStore';
import { tableSnapshot } from '../engine/runtime/checkpoint/codec';
import { percentile } from '../engine/runtime/stats';
import type { Operator } from '../engine/stages/types';

const KEYS = 100_000;
const BATCH = 1000;
const T0 = Date.UTC(2024, 0, 1);

function windowChain(): Operator {
  const v = validatePipeline(
    [
      { $source: { documents: [] } },
      { $tumblingWindow: { interval: { size: 1, unit: 'hour' }, pipeline: [{ $group: { _id: '$k', n: { $count: {} }, avg: { $avg: '$v' }, max: { $max: '$v' } } }] } },
    ],
    [],
    { connections: builtinRegistry(), hasDlq: true, mode: 'preview' },
  );
  const rt = { clock: systemClock, slotCount: v.compiler.slotCount, dlq: () => undefined, processorName: 'bench' };
  return buildChain(v.stages.slice(1), rt, () => undefined);
}

async function measure(ms: number, checkpointEveryMs: number, dir: string): Promise<{ docsPerSec: number; stalls: number[] }> {
  const chain = windowChain();
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
  const docs: Doc[] = [];
  const metas: Meta[] = [];
  for (let i = 0; i < BATCH; i++) {
    docs.push({ k: 0, v: 0 });
    metas.push({ ts: T0 + i, source: { type: 'documents' } });
  }
  // Open every key before timing so the state really holds 100k keys throughout.
  let i = 0;
  for (; i < KEYS; i++) chain.push({ k: i, v: i }, metas[0]!);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let j = 0; j < BATCH; j++, i++) {
      const d = docs[j]!;
      d['k'] = i % KEYS;
      d['v'] = i;
      chain.push({ k: d['k'], v: d['v'] }, metas[j]!);
    }
    n += BATCH;
    chain.watermark?.(T0 + 1000);
    if (coord.due()) void coord.checkpoint().catch(() => undefined);
    // Both modes yield once per batch so file I/O can progress; the cost is the same for both.
    await new Promise<void>((r) => setImmediate(r));
  }
  const elapsed = performance.now() - start;
  await coord.settle();
  return { docsPerSec: Math.round((n * 1000) / elapsed), stalls: [...coord.stalls] };
}

export const bench = {
  name: 'checkpoint',
  run: async (opts: { seconds: number }): Promise<{ docsPerSec: number; baselineDocsPerSec: number; stallP99Ms: number; checkpoints: number }> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'asp-bench-ckpt-'));
    try {
      const half = Math.max(1000, (opts.seconds * 1000) / 2);
      // Alternate quarters so machine noise hits both modes alike.
      const base1 = await measure(half / 2, 0, dir);
      const ck1 = await measure(half / 2, 1000, dir);
      const base2 = await measure(half / 2, 0, dir);
      const ck2 = await measure(half / 2, 1000, dir);
      const stalls = [...ck1.stalls, ...ck2.stalls].sort((a, b) => a - b);
      return {
        docsPerSec: Math.round((ck1.docsPerSec + ck2.docsPerSec) / 2),
        baselineDocsPerSec: Math.round((base1.docsPerSec + base2.docsPerSec) / 2),
        stallP99Ms: percentile(stalls, 0.99),
        checkpoints: stalls.length,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (require.main === module) {
  void bench.run({ seconds: Number(process.argv[2] ?? 8) }).then((r) => process.stdout.write(`${JSON.stringify({ name: bench.name, ...r, ratio: r.docsPerSec / r.baselineDocsPerSec })}\n`));
}
