/**
 * `sortBy` of $sortArray and of the $top/$topN/$bottom/$bottomN array expressions (MongoDB parses
 * it with the same code for all of them: error 2942507): `1` / `-1` order whole values in BSON
 * order, `{path: ±1, ...}` orders documents by fields, missing fields sorting as null.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/sortarray/#sort-by-document-fields
 */
import type { Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import { getPath } from '../fieldPath';
import { cmpValues } from '../_shared/values';

export type Cmp = (a: Value, b: Value) => number;

/** The comparator for a constant `sortBy`, or MongoDB's message when it is malformed. */
export function sortByComparator(sortBy: Value, op = '$sortArray'): Cmp | string {
  if (sortBy === 1 || sortBy === -1) {
    const dir = sortBy;
    return (a, b) => dir * cmpValues(a, b);
  }
  if (!isPlainObject(sortBy) || Object.keys(sortBy).length === 0) return `The ${op} sortBy argument must be 1, -1 or a non-empty sort pattern object`;
  const keys: [string[], number][] = [];
  for (const [k, d] of Object.entries(sortBy)) {
    if (d !== 1 && d !== -1) return 'The $sort element value must be either 1 or -1';
    keys.push([k.split('.'), d]);
  }
  const key = (v: Value, parts: string[]) => {
    const r = isPlainObject(v) ? getPath(v, parts) : undefined;
    return r === undefined ? null : r;
  };
  return (a, b) => {
    for (const [parts, d] of keys) {
      const r = cmpValues(key(a, parts), key(b, parts));
      if (r !== 0) return d * r;
    }
    return 0;
  };
}

/** Ascending BSON order of whole values: what the $top/$bottom expressions use without sortBy. */
export const ascending: Cmp = (a, b) => cmpValues(a, b);
