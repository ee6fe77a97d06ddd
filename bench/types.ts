/** A benchmark measures ours and a baseline side by side in one run and reports both rates. */
import { ratioFields } from './rounds';

export { median } from './rounds';

/** Numbers, per-round lists, nested side results, or a "skipped: ..." note for a side that cannot run here. */
export type BenchValue = number | string | number[] | undefined | { [k: string]: BenchValue };

export interface BenchResult {
  docsPerSec?: number;
  baselineDocsPerSec?: number;
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
  const a: number[] = [];
  const b: number[] = [];
  const slice = (seconds * 1000) / (rounds * 2);
  for (let i = 0; i < rounds; i++) {
    a.push(measure(ours, batch, slice));
    b.push(measure(base, batch, slice));
  }
  return ratioFields(a, b);
}
