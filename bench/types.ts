/** A benchmark measures ours and a baseline side by side in one run and reports both rates. */
export interface BenchResult {
  docsPerSec?: number;
  baselineDocsPerSec?: number;
  [k: string]: number | undefined;
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

/** Alternate ours and baseline in rounds so machine noise hits both; report medians. */
export function sideBySide(ours: () => void, base: () => void, batch: number, seconds: number, rounds = 5): { docsPerSec: number; baselineDocsPerSec: number } {
  const a: number[] = [];
  const b: number[] = [];
  const slice = (seconds * 1000) / (rounds * 2);
  for (let i = 0; i < rounds; i++) {
    a.push(measure(ours, batch, slice));
    b.push(measure(base, batch, slice));
  }
  return { docsPerSec: median(a), baselineDocsPerSec: median(b) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
