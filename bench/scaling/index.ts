/**
 * How cost grows with state and pipeline length: a tumbling-window `$group` (count, avg, max)
 * holding 1k, 100k and 1M open keys (throughput, heap bytes per open key, checkpoint size and
 * the stall a checkpoint cut causes), and pipelines of 1, 5 and 20 stages (stateless stages in
 * front of the same window, 1k keys). Writes docs/images/scaling.json and renders
 * scaling.svg and scaling.png from it (plot.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { measure, windowChain } from '../checkpoint';
import { ROOT } from '../daemon';
import { heapAfterGc } from '../heap';
import { median, note, sig3 } from '../rounds';
import type { Bench, BenchResult } from '../types';
import { renderPlots, type ScalingData } from './plot';

export const KEY_COUNTS = [1_000, 100_000, 1_000_000];
export const STAGE_COUNTS = [1, 5, 20];
export const IMAGES = path.join(ROOT, 'docs', 'images');

/** `n - 1` cheap stateless stages ($addFields and $match in turn) before the window. */
function prefix(n: number): Record<string, unknown>[] {
  return Array.from({ length: n - 1 }, (_, j) => (j % 2 === 0 ? { $addFields: { [`f${j}`]: { $add: ['$v', j] } } } : { $match: { v: { $gte: 0 } } }));
}

async function byKeys(keys: number, ms: number, dir: string): Promise<ScalingData['keys'][number]> {
  const chain = windowChain();
  const meta = { ts: Date.UTC(2024, 0, 1), source: { type: 'documents' } };
  const before = heapAfterGc();
  for (let i = 0; i < keys; i++) chain.push({ k: i, v: i }, meta);
  const bytesPerOpenKey = (heapAfterGc() - before) / keys;
  // Throughput with every key open, then the same window with a checkpoint every second.
  const runs = [];
  for (let r = 0; r < 3; r++) runs.push((await measure(ms, 0, dir, keys, chain)).cpuRate);
  const ck = await measure(Math.max(2500, ms), 1000, dir, keys, chain);
  const stalls = [...ck.stalls].sort((a, b) => a - b);
  if (chain.tables!().length === 0) throw new Error('unreachable: keeps the window alive');
  return {
    openKeys: keys,
    docsPerSec: sig3(median(runs)),
    runs: runs.map(sig3),
    bytesPerOpenKey: Math.round(bytesPerOpenKey),
    checkpointBytes: ck.bytes,
    checkpointStallMs: stalls.map((s) => sig3(s)),
  };
}

async function byStages(stages: number, ms: number, dir: string): Promise<ScalingData['stages'][number]> {
  const runs = [];
  for (let r = 0; r < 3; r++) runs.push((await measure(ms, 0, dir, 1000, windowChain(prefix(stages)))).cpuRate);
  return { stages, docsPerSec: sig3(median(runs)), runs: runs.map(sig3) };
}

export const bench: Bench = {
  name: 'scaling',
  async run({ seconds }) {
    const dir = mkdtempSync(path.join(tmpdir(), 'asp-bench-scaling-'));
    const ms = Math.max(600, (seconds * 1000) / 8);
    try {
      const data: ScalingData = { measuredAt: new Date().toISOString(), node: process.version, keys: [], stages: [] };
      for (const k of KEY_COUNTS) {
        note(`scaling: ${k} open keys`);
        data.keys.push(await byKeys(k, ms, dir));
      }
      for (const n of STAGE_COUNTS) {
        note(`scaling: ${n} stages`);
        data.stages.push(await byStages(n, ms, dir));
      }
      writeFileSync(path.join(IMAGES, 'scaling.json'), JSON.stringify(data, null, 2) + '\n');
      const png = renderPlots(data, IMAGES);
      const k = (n: number) => data.keys.find((x) => x.openKeys === n)!;
      const s = (n: number) => data.stages.find((x) => x.stages === n)!;
      const out: BenchResult = { docsPerSec: k(1000).docsPerSec, png };
      for (const x of data.keys) {
        out[`keys${x.openKeys}`] = { docsPerSec: x.docsPerSec, runs: x.runs, bytesPerOpenKey: x.bytesPerOpenKey, checkpointBytes: x.checkpointBytes, checkpointStallMs: x.checkpointStallMs };
      }
      for (const x of data.stages) out[`stages${x.stages}`] = { docsPerSec: x.docsPerSec, runs: x.runs };
      // Throughput at the largest state and the longest pipeline relative to the smallest ones.
      out['throughput1MvsOneK'] = sig3(k(1_000_000).docsPerSec / k(1000).docsPerSec);
      out['throughput20vs1Stages'] = sig3(s(20).docsPerSec / s(1).docsPerSec);
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
