/** The literal list of `$group` accumulators: read by the engine and the language server. */
import type { AccumulatorSpec } from './types';
import { sum } from './sum';
import { avg } from './avg';
import { min } from './min';
import { max } from './max';
import { first } from './first';
import { last } from './last';
import { push } from './push';
import { addToSet } from './addToSet';
import { count } from './count';
import { top } from './top';
import { bottom } from './bottom';
import { topN } from './topN';
import { bottomN } from './bottomN';
import { firstN } from './firstN';
import { lastN } from './lastN';
import { maxN } from './maxN';
import { minN } from './minN';
import { median } from './median';
import { percentile } from './percentile';
import { stdDevPop } from './stdDevPop';
import { stdDevSamp } from './stdDevSamp';
import { mergeObjects } from './mergeObjects';

export const allAccumulators: readonly AccumulatorSpec[] = [
  sum,
  avg,
  min,
  max,
  first,
  last,
  push,
  addToSet,
  count,
  top,
  bottom,
  topN,
  bottomN,
  firstN,
  lastN,
  maxN,
  minN,
  median,
  percentile,
  stdDevPop,
  stdDevSamp,
  mergeObjects,
];

export const accumulatorRegistry: ReadonlyMap<string, AccumulatorSpec> = new Map(allAccumulators.map((a) => [a.name, a]));
