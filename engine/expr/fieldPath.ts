/** Field-path access with MongoDB aggregation semantics (arrays are traversed). */
import type { Value } from '../core/types';
import { isPlainObject } from '../bson/types';

/** Resolve `parts[i..]` against `v`, mapping over arrays like `$a.b` does in aggregation. */
export function getPath(v: Value, parts: readonly string[], i = 0): Value {
  for (; i < parts.length; i++) {
    if (Array.isArray(v)) return getPathArray(v, parts, i);
    if (!isPlainObject(v)) return undefined;
    v = v[parts[i]!];
  }
  return v;
}

function getPathArray(arr: Value[], parts: readonly string[], i: number): Value[] {
  const out: Value[] = [];
  for (const e of arr) {
    if (Array.isArray(e)) {
      out.push(getPathArray(e, parts, i));
    } else if (isPlainObject(e)) {
      const r = getPath(e[parts[i]!], parts, i + 1);
      if (r !== undefined) out.push(r);
    }
  }
  return out;
}

/** Compile a dotted path into a getter; the common 1- and 2-part cases avoid the loop. */
export function pathGetter(path: string): (v: Value) => Value {
  const parts = path.split('.');
  if (parts.length === 1) {
    const k = parts[0]!;
    return (v) => (isPlainObject(v) ? v[k] : Array.isArray(v) ? getPath(v, parts) : undefined);
  }
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    return (v) => {
      if (isPlainObject(v)) {
        const x = v[a];
        if (isPlainObject(x)) return x[b];
        return Array.isArray(x) ? getPath(x, parts, 1) : undefined;
      }
      return Array.isArray(v) ? getPath(v, parts) : undefined;
    };
  }
  return (v) => getPath(v, parts);
}

/** Set a dotted path on a plain object, creating intermediate objects (for $addFields). */
export function setPath(obj: Record<string, Value>, parts: readonly string[], value: Value): void {
  let o = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i]!;
    let next = o[k];
    if (!isPlainObject(next)) {
      next = {};
      o[k] = next;
    }
    o = next as Record<string, Value>;
  }
  o[parts[parts.length - 1]!] = value;
}
