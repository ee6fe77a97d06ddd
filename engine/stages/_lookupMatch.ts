/**
 * $lookup's equality rule (localField/foreignField), shared by the collection lookups
 * (engine/connectors/lookupOperator.ts) and the `$documents` form (lookupDocuments.ts): array
 * elements match one by one, missing matches null, numbers of any BSON type match by value.
 */
import type { Value } from '../core/types';
import { toNumber, typeName } from '../bson/types';
import { toCanonicalJSON } from '../json/ejson';

/** Equality key: numbers of any BSON type compare by value, as the server does. */
export function eqKey(v: Value): string {
  const t = typeName(v);
  if (t === 'int' || t === 'long' || t === 'double' || t === 'decimal') return `n:${toNumber(v)}`;
  if (v === undefined || v === null) return 'null';
  return toCanonicalJSON({ v });
}

/** The values a field holds for matching: array elements count individually. */
export function matchValues(v: Value): Value[] {
  if (v === undefined || v === null) return [null];
  if (Array.isArray(v)) return v.length ? [...v, v] : [v];
  return [v];
}
