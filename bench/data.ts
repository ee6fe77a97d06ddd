/** Deterministic ~200-byte solar documents for benchmarks. */
import { prng, solarReading } from '../engine/sources/sample';
import type { Doc } from '../engine/core/types';

export function solarDocs(n: number, seed = 42, startMs = Date.UTC(2024, 0, 1, 12)): Doc[] {
  const rnd = prng(seed);
  const out: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const t = startMs + i * 10;
    const d = solarReading(t, rnd);
    d['_ts'] = new Date(t);
    out.push(d);
  }
  return out;
}
