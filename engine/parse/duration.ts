/** `{size, unit}` duration arguments (partitionIdleTimeout, ...): checked and converted to ms, or ASP309. */
import type { JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import { DURATION_UNITS, durationMs } from '../time/duration';
import { err } from './args';
import type { ParseContext } from './types';

/** `{size, unit}` durations; reports and returns undefined when malformed. */
export function parseDuration(v: unknown, field: string, path: JsonPath, ctx: ParseContext): number | undefined {
  if (!isPlainObject(v) || typeof v['size'] !== 'number' || !Number.isInteger(v['size']) || v['size'] < 0 || typeof v['unit'] !== 'string' || DURATION_UNITS[v['unit']] === undefined) {
    err(ctx, [...path, field], `${field} must be {size: <non-negative int>, unit: ${Object.keys(DURATION_UNITS).join('|')}}`, 'ASP309');
    return undefined;
  }
  return durationMs(v['size'], v['unit']);
}
