/**
 * Sort keys shared by $sort and the $top/$bottom accumulators: field paths split once, arrays
 * sort by their smallest (ascending) or largest (descending) element, as MongoDB does.
 * https://www.mongodb.com/docs/manual/reference/method/cursor.sort/#sort-behavior
 */
import type { Value } from '../core/types';
import { isPlainObject, typeName } from '../bson/types';
import { compare } from '../bson/compare';
import { getPath } from '../expr/fieldPath';

export interface SortKeys {
  /** Extract the key tuple of one document. */
  keys(doc: Value): Value[];
  /** Compare two key tuples in the requested directions. */
  cmp(a: Value[], b: Value[]): number;
}

/** Error text for a bad `{field: 1|-1}` specification, or undefined when valid. */
export function sortSpecError(spec: Value, what = '$sort'): string | undefined {
  if (!isPlainObject(spec)) return `${what} key specification must be an object, found ${typeName(spec)}`;
  const keys = Object.keys(spec);
  if (keys.length === 0) return `${what} stage must have at least one sort key`;
  for (const k of keys) {
    const v = spec[k];
    if (isPlainObject(v) && '$meta' in v) return `${what} by $meta is not supported in Atlas Stream Processing`;
    if (v !== 1 && v !== -1) return `${what} key ordering must be 1 (for ascending) or -1 (for descending)`;
  }
  return undefined;
}

export function compileSortKeys(spec: Record<string, Value>): SortKeys {
  const fields = Object.keys(spec);
  const paths = fields.map((f) => f.split('.'));
  const dirs = fields.map((f) => (spec[f] === -1 ? -1 : 1));
  const n = fields.length;
  return {
    keys(doc) {
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        let v = getPath(doc, paths[i]!);
        if (Array.isArray(v)) v = pickFromArray(v, dirs[i]!);
        out[i] = v;
      }
      return out;
    },
    cmp(a, b) {
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        const c = typeof x === 'number' && typeof y === 'number' && x === x && y === y ? (x < y ? -1 : x > y ? 1 : 0) : compare(x, y);
        if (c !== 0) return c * dirs[i]!;
      }
      return 0;
    },
  };
}

function pickFromArray(arr: Value[], dir: number): Value {
  if (arr.length === 0) return undefined;
  let best = arr[0];
  for (let i = 1; i < arr.length; i++) {
    const c = compare(arr[i], best);
    if (dir === 1 ? c < 0 : c > 0) best = arr[i];
  }
  return best;
}
