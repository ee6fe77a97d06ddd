/**
 * `{size, unit}` duration arguments (partitionIdleTimeout, window sizes, ttl): their field
 * table entry, and a reader that checks and converts them to ms (ASP309).
 */
import type { JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import { DURATION_UNITS, durationMs } from '../time/duration';
import { err } from './args';
import { intValue } from './fields';
import type { ParseContext } from './types';
import type { FieldSpec, FieldType } from './fieldSpec';

/** A `{size, unit}` field; `zero: true` also accepts the number 0 (allowedLateness, idleTimeout). */
export function durationField(name: string, description: string, opts: { required?: boolean; zero?: boolean } = {}): FieldSpec {
  const type: FieldType[] = opts.zero ? ['object', 'number'] : ['object'];
  return {
    name,
    role: 'duration',
    type,
    ...(opts.required ? { required: true } : {}),
    description,
    fields: [
      { name: 'size', role: 'literal', type: 'int', required: true, description: 'Amount of time (an integer >= 0)' },
      { name: 'unit', role: 'literal', type: 'string', enum: Object.keys(DURATION_UNITS), required: true, description: 'Unit of size' },
    ],
  };
}

/** `{size, unit}` durations; reports and returns undefined when malformed. */
export function parseDuration(v: unknown, field: string, path: JsonPath, ctx: ParseContext): number | undefined {
  const size = isPlainObject(v) ? intValue(v['size']) : undefined;
  if (!isPlainObject(v) || size === undefined || size < 0 || typeof v['unit'] !== 'string' || DURATION_UNITS[v['unit']] === undefined) {
    err(ctx, [...path, field], `${field} must be {size: <non-negative int>, unit: ${Object.keys(DURATION_UNITS).join('|')}}`, 'ASP309');
    return undefined;
  }
  return durationMs(size, v['unit']);
}
