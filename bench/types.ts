/** A benchmark measures ours and a baseline side by side in one run and reports both rates. */
import { ratioFields } from './rounds';

export { median } from './rounds';

/** Numbers, per-round lists, nested side results, or a "skipped: ..." note for a side that cannot run here. */
export type BenchValue = number | string | number[] | undefined | { [k: string]: BenchValue };

export interface BenchResult {
  /** A rate, or NO_JAVA where the benchmark cannot run here at all. */
  docsPerSec?: number | string;
  /** A rate, or NO_JAVA where the peer cannot run here. */
  baselineDocsPerSec?: number | string;
  [k: string]: BenchValue;
}

export interface Bench {
  name: string;
  run(opts: { seconds: number }): Promise<BenchResult>;
}

/** Calls fn (which processes `batch` documents) repeatedly for `ms`; returns docs/s. */
export function measure(fn: () => void, batch: number, ms: number): number {
  // Warm up so the JIT has settled before timing.
  const warmEnd = performance.now() + Math.min(300, ms / 4);
  while (performance.now() < warmEnd) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    n += batch;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

/**
 * Alternate ours and baseline in rounds so machine noise hits both; report medians, each
 * round's figures and the spread of the per-round ratios.
 */
export function sideBySide(ours: () => void, base: () => void, batch: number, seconds: number, rounds = 5): BenchResult {
  const r = inRounds({ ours, base }, batch, seconds, rounds);
  return ratioFields(r.ours, r.base);
}

/** Every side once per round, in turn, each for an equal slice of `seconds`; docs/s per round. */
export function inRounds<K extends string>(sides: Record<K, () => void>, batch: number, seconds: number, rounds = 5): Record<K, number[]> {
  const names = Object.keys(sides) as K[];
  const out = {} as Record<K, number[]>;
  for (const k of names) out[k] = [];
  const slice = (seconds * 1000) / (rounds * names.length);
  for (let i = 0; i < rounds; i++) for (const k of names) out[k].push(measure(sides[k], batch, slice));
  return out;
}
