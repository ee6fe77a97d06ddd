/**
 * Alternating rounds and their summary: every side of a benchmark runs once per round, in turn,
 * so machine noise hits all of them; a result is the median over the rounds plus every round's
 * figure and the spread, so a reader sees how much one median can be trusted.
 */

export function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Round figures to 3 significant digits so the JSON stays readable. */
export function sig3(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(3));
}

/** Median, every round's figure, and the spread (max - min) / median. */
export interface Summary {
  median: number;
  runs: number[];
  spread: number;
}

export function summarize(runs: number[]): Summary {
  const m = median(runs);
  return { median: m, runs: runs.map(sig3), spread: m ? sig3((Math.max(...runs) - Math.min(...runs)) / m) : 0 };
}

/**
 * Run each side once per round, in turn, `rounds` times; sides are async so a round may be a
 * whole Kafka run. Returns the per-side lists of figures in round order.
 */
export async function alternate<K extends string, T = number>(rounds: number, sides: Record<K, () => Promise<T> | T>): Promise<Record<K, T[]>> {
  const out = {} as Record<K, T[]>;
  const names = Object.keys(sides) as K[];
  for (const k of names) out[k] = [];
  for (let r = 0; r < rounds; r++) for (const k of names) out[k].push(await sides[k]());
  return out;
}

/**
 * The fields every side-by-side result carries: medians, the ratio of medians, each round's
 * ratio and the spread of those ratios.
 */
export type RatioFields = {
  docsPerSec: number;
  baselineDocsPerSec: number;
  oursRuns: number[];
  baselineRuns: number[];
  ratioRuns: number[];
  ratioSpread: number;
};

export function ratioFields(ours: number[], base: number[]): RatioFields {
  const perRound = ours.map((o, i) => o / base[i]!);
  const r = summarize(perRound);
  return {
    docsPerSec: median(ours),
    baselineDocsPerSec: median(base),
    oursRuns: ours.map(sig3),
    baselineRuns: base.map(sig3),
    ratioRuns: r.runs,
    ratioSpread: r.spread,
  };
}

/** Progress on stderr (ASP_BENCH_VERBOSE=1), so a long run shows where it is without touching the JSON. */
export function note(msg: string): void {
  if (process.env['ASP_BENCH_VERBOSE']) process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
