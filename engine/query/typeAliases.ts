/** `$type` / `bsonType` names and numbers resolved to the engine's typeName() values. */
import type { Value } from '../core/types';
import { TYPE_NUMBERS, isNumber } from '../bson/types';

const NUMERIC = ['int', 'long', 'double', 'decimal'];
const BY_NUMBER = new Map<number, string>(Object.entries(TYPE_NUMBERS).map(([k, v]) => [v, k]));

/** Resolve one type designator to typeName() values, or return an error message. */
export function resolveType(v: Value, allowNumbers: boolean): string[] | string {
  if (typeof v === 'string') {
    if (v === 'number') return NUMERIC;
    if (v in TYPE_NUMBERS) return [v];
    return `Unknown type name alias: ${v}`;
  }
  if (allowNumbers && isNumber(v)) {
    const n = Number(v);
    const name = Number.isInteger(n) ? BY_NUMBER.get(n) : undefined;
    return name ? [name] : `Invalid numerical type code: ${String(v)}`;
  }
  return 'type must be represented as a number or a string';
}
