/**
 * Tumbling-window $group (avg, max, count by device) over pre-parsed ~200-byte documents: ours
 * (with watermarks after every document, as the runner does) vs mingo grouping the same
 * documents window by window. Also reports the memory held per open group key.
 */
import 'mingo/init/system';
import { Aggregator } from 'mingo';
import type { Doc } from '../engine/core/types';
import { solarDocs } from './data';
import { heapAfterGc } from './heap';
import { sideBySide, type Bench } from './types';
import { GROUP, windowRunner } from './windowSetup';

const WINDOW_MS = 60_000;

export const bench: Bench = {
  name: 'tumbling',
  async run({ seconds }) {
    const docs = solarDocs(60_000); // 10 ms apart: ten 60-second windows, 11 devices
    const ours = windowRunner({ $tumblingWindow: { interval: { size: 60, unit: 'second' }, allowedLateness: 0, pipeline: [GROUP] } }, docs);
    const agg = new Aggregator([GROUP] as Record<string, unknown>[]);
    const base = (): void => {
      // mingo has no windows: cut the stream at window boundaries and group each slice.
      let from = 0;
      let bucket = Math.floor((docs[0]!['_ts'] as Date).getTime() / WINDOW_MS);
      for (let i = 1; i <= docs.length; i++) {
        const b = i < docs.length ? Math.floor((docs[i]!['_ts'] as Date).getTime() / WINDOW_MS) : -1;
        if (b !== bucket) {
          agg.run(docs.slice(from, i));
          from = i;
          bucket = b;
        }
      }
    };
    const r = sideBySide(() => void ours.run(), base, docs.length, seconds);
    return { ...r, bytesPerOpenKey: bytesPerOpenKey() };
  },
};

/** Heap held by one tumbling window with many open keys, divided by the key count. */
function bytesPerOpenKey(): number {
  const keys = 200_000;
  const docs: Doc[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < keys; i++) docs.push({ device_id: `device_${i}`, obs: { watts: i % 500 }, _ts: new Date(t0 + (i % 1000)) });
  const r = windowRunner({ $tumblingWindow: { interval: { size: 1, unit: 'hour' }, allowedLateness: 0, pipeline: [GROUP] } }, docs);
  const op = r.op();
  // A full GC before each reading, so the difference is what the window holds.
  const metas = docs.map(() => ({ ts: t0, source: { type: 'generated' } }));
  const before = heapAfterGc();
  for (let i = 0; i < docs.length; i++) op.push(docs[i]!, metas[i]!);
  const after = heapAfterGc();
  if (op.tables!().length === 0) throw new Error('unreachable: keeps the operator alive');
  // Key strings belong to the documents; what remains is the group entry and its states.
  return (after - before) / keys;
}
