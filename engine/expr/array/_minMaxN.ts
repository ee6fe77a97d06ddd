/** $maxN and $minN over an array: null and missing elements are ignored. */
import type { Value } from '../../core/types';
import { cmpValues, isNullish } from '../_shared/values';

export function topN(input: Value[], n: number, sign: 1 | -1): Value[] {
  const vals = input.filter((v) => !isNullish(v));
  vals.sort((a, b) => sign * cmpValues(b, a));
  return vals.slice(0, n);
}
