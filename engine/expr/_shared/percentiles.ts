/**
 * Exact percentiles over numeric inputs, one implementation for the $median and $percentile
 * accumulators and expressions. 'approximate' uses the discrete rule: on the input sizes the
 * local engine sees, the server's t-digest returns the discrete percentile (docs/parity.md).
 */
import type { Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import { double } from '../../bson/numbers';

export const METHODS: readonly string[] = ['approximate', 'discrete', 'continuous'];

/** Collect a numeric input as a double; non-numbers and NaN are skipped like the server does. */
export function addNumber(s: number[], v: Value): number[] {
  if (isNumber(v)) {
    const x = toNumber(v);
    if (!Number.isNaN(x)) s.push(x);
  }
  return s;
}

export const sortNumbers = (s: number[]): number[] => s.slice().sort((a, b) => a - b);

/**
 * `sorted` ascending and non-empty. Discrete/approximate: nearest rank; continuous: linear
 * interpolation between the two closest ranks. The result is a double.
 */
export function percentileOf(sorted: number[], p: number, method: string): Value {
  const n = sorted.length;
  if (method === 'continuous') {
    const r = p * (n - 1);
    const lo = Math.floor(r);
    const hi = Math.ceil(r);
    return double(sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (r - lo));
  }
  const rank = Math.max(0, Math.ceil(p * n) - 1);
  return double(sorted[Math.min(rank, n - 1)]!);
}
