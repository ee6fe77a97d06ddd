/** $maxN and $minN over an array: null and missing elements are ignored. */
import type { Value } from '../../core/types';
import { cmpValues } from '../_shared/values';

export function topN(input: Value[], n: number, sign: 1 | -1): Value[] {
  const vals = input.filter((v) => v !== null && v !== undefined);
  vals.sort((a, b) => sign * cmpValues(b, a));
  return vals.slice(0, n);
}
