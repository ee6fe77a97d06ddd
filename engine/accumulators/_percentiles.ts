/** Exact percentiles over the buffered numeric values, shared by $median and $percentile. */
import type { JsonPath, Value } from '../core/types';
import type { Compiler } from '../expr/types';
import { accError, isNumeric } from './_internal';
import { toNumber } from '../bson/types';

export const METHODS = ['approximate', 'discrete', 'continuous'];

export function checkMethod(name: string, v: Value, c: Compiler, path: JsonPath): string | undefined {
  if (v === undefined) return accError(c, path, `${name} requires a 'method' field`);
  if (typeof v !== 'string' || !METHODS.includes(v)) return accError(c, [...path, 'method'], `Currently only 'approximate', 'discrete' and 'continuous' can be used as percentile 'method'`);
  return v;
}

export function addNumber(s: number[], v: Value): number[] {
  if (isNumeric(v)) {
    const x = toNumber(v);
    if (!Number.isNaN(x)) s.push(x);
  }
  return s;
}

/** `sorted` ascending and non-empty. Discrete/approximate: nearest rank; continuous: linear. */
export function percentileOf(sorted: number[], p: number, method: string): number {
  const n = sorted.length;
  if (method === 'continuous') {
    const r = p * (n - 1);
    const lo = Math.floor(r);
    const hi = Math.ceil(r);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (r - lo);
  }
  const rank = Math.max(0, Math.ceil(p * n) - 1);
  return sorted[Math.min(rank, n - 1)]!;
}

export const sortNumbers = (s: number[]): number[] => s.slice().sort((a, b) => a - b);
