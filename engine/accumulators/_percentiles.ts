/** The accumulator side of $median and $percentile: the `method` check (ASP341 wording). */
import type { JsonPath, Value } from '../core/types';
import type { Compiler } from '../expr/types';
import { accError } from './_internal';
import { METHODS } from '../expr/_shared/percentiles';

export { addNumber, percentileOf, sortNumbers } from '../expr/_shared/percentiles';

export function checkMethod(name: string, v: Value, c: Compiler, path: JsonPath): string | undefined {
  if (v === undefined) return accError(c, path, `${name} requires a 'method' field`);
  if (typeof v !== 'string' || !METHODS.includes(v)) return accError(c, [...path, 'method'], `Currently only 'approximate', 'discrete' and 'continuous' can be used as percentile 'method'`);
  return v;
}
