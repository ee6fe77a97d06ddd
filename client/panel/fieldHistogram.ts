/**
 * The Histogram tab's second mode: how the values of one numeric field are distributed over
 * the rows shown. Bins have round edges (1, 2 or 5 × 10^k wide), so the axis reads like a
 * person would label it; values that are not numbers are counted apart. Pure.
 */
import { numeric, valueAt } from './values';

export interface FieldBins {
  field: string;
  /** Left edge of the first bin. */
  lo: number;
  /** Width of every bin. */
  width: number;
  counts: number[];
  /** The largest bin count. */
  max: number;
  /** Rows whose value is a number (NaN and ±Infinity left out). */
  numbers: number;
  /** Rows without a number at `field`. */
  other: number;
  min: number;
  maxValue: number;
  mean: number;
}

/** The smallest 1, 2 or 5 × 10^k that cuts `span` into at most `target` bins. */
export function niceWidth(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const k = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * k >= raw) return m * k;
  return 10 * k;
}

/** Bins the values of `field` in `docs` into about `target` bins; undefined when no row has a number there. */
export function fieldBins(docs: Iterable<unknown>, field: string, target = 30): FieldBins | undefined {
  const values: number[] = [];
  let other = 0;
  for (const d of docs) {
    const n = numeric(valueAt(d, field));
    if (n === undefined || !Number.isFinite(n)) other++;
    else values.push(n);
  }
  if (values.length === 0) return undefined;
  let min = Infinity;
  let maxValue = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > maxValue) maxValue = v;
    sum += v;
  }
  const width = niceWidth(maxValue - min, target);
  const lo = Math.floor(min / width) * width;
  // A value on the top edge goes in a bin of its own, so every bin is [left, left + width).
  const count = Math.floor((maxValue - lo) / width) + 1;
  const counts = new Array<number>(count).fill(0);
  for (const v of values) counts[Math.min(count - 1, Math.floor((v - lo) / width))]!++;
  return { field, lo, width, counts, max: Math.max(...counts), numbers: values.length, other, min, maxValue, mean: sum / values.length };
}

/** A bin edge as text, without floating-point noise (0.30000000000000004 → 0.3). */
export function edgeLabel(v: number, width: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(width)));
  return v.toFixed(Math.min(20, decimals));
}
