/**
 * Query path traversal with MongoDB's find() semantics (the "classic" element iterator):
 * - `a.b` looks inside every object element of an array at `a` (one level, nested arrays are
 *   not entered);
 * - a numeric component (`a.0`) also indexes an array;
 * - a path that ends in an array offers each element, then the array itself;
 * - a path that hits a scalar, null or nothing midway is "missing" (matches `null`).
 * https://www.mongodb.com/docs/manual/tutorial/query-arrays/
 * https://www.mongodb.com/docs/manual/tutorial/query-for-null-fields/
 */
import type { Doc, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import type { EvalCtx } from '../expr/types';
import type { FieldMatcher, Predicate, ValuePred } from './types';

interface Step {
  key: string;
  /** The component as an array index, or -1. */
  index: number;
  /** Names that exist on Object.prototype need an own-property check. */
  guarded: boolean;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

function steps(path: string): Step[] {
  return path.split('.').map((key) => ({
    key,
    index: INDEX.test(key) && key.length < 10 ? Number(key) : -1,
    guarded: key in Object.prototype,
  }));
}

/** isPlainObject with a fast exit for the documents JSON.parse and object literals make. */
function isDoc(v: Value): v is Doc {
  return typeof v === 'object' && v !== null && ((v as { constructor?: unknown }).constructor === Object || isPlainObject(v));
}

function field(o: Doc, s: Step): Value {
  if (s.guarded) return Object.prototype.hasOwnProperty.call(o, s.key) ? o[s.key] : undefined;
  return o[s.key];
}

/** First lookup of a walk: an array here is seen as an object keyed "0", "1", ... (as BSON stores it). */
function first(container: Value, s: Step): Value {
  if (isDoc(container)) return field(container, s);
  if (Array.isArray(container)) return s.index >= 0 ? container[s.index] : undefined;
  return undefined;
}

function walk(container: Value, st: Step[], i: number, test: ValuePred, leaf: boolean, ctx: EvalCtx): boolean {
  let cur = first(container, st[i]!);
  for (i++; i < st.length; i++) {
    if (isDoc(cur)) cur = field(cur, st[i]!);
    else if (Array.isArray(cur)) return walkArray(cur, st, i, test, leaf, ctx);
    else return test(undefined, ctx);
  }
  if (leaf && Array.isArray(cur)) {
    for (let j = 0; j < cur.length; j++) if (test(cur[j], ctx)) return true;
  }
  return test(cur, ctx);
}

function walkArray(arr: Value[], st: Step[], i: number, test: ValuePred, leaf: boolean, ctx: EvalCtx): boolean {
  const s = st[i]!;
  const last = i === st.length - 1;
  for (let j = 0; j < arr.length; j++) {
    const e = arr[j];
    const offset = j === s.index;
    if (isDoc(e)) {
      // A document element is searched with the whole rest of the path, and also entered by
      // offset when the component is its index.
      if (walk(e, st, i, test, leaf, ctx)) return true;
      if (offset && (last ? test(e, ctx) : walk(e, st, i + 1, test, leaf, ctx))) return true;
    } else if (offset) {
      // A path that ends at an offset yields that element as is, without expanding it; a
      // nested array at the offset is traversed with the rest of the path.
      if (last) {
        if (test(e, ctx)) return true;
      } else if (Array.isArray(e) && walkArray(e, st, i + 1, test, leaf, ctx)) {
        return true;
      }
    }
  }
  return false;
}

/** True when some value at `path` in the document passes `test`. */
export function anyAtPath(path: string, test: ValuePred, leafArrays: boolean): Predicate {
  const st = steps(path);
  if (st.length === 1) {
    const s = st[0]!;
    if (!leafArrays) return (doc, ctx) => test(first(doc, s), ctx);
    return (doc, ctx) => {
      const v = first(doc, s);
      if (Array.isArray(v)) {
        for (let j = 0; j < v.length; j++) if (test(v[j], ctx)) return true;
      }
      return test(v, ctx);
    };
  }
  if (st.length === 2) {
    // The common `a.b` case without the generic loop.
    const [s0, s1] = st as [Step, Step];
    return (doc, ctx) => {
      const o = first(doc, s0);
      if (isDoc(o)) {
        const v = field(o, s1);
        if (leafArrays && Array.isArray(v)) {
          for (let j = 0; j < v.length; j++) if (test(v[j], ctx)) return true;
        }
        return test(v, ctx);
      }
      if (Array.isArray(o)) return walkArray(o, st, 1, test, leafArrays, ctx);
      return test(undefined, ctx);
    };
  }
  return (doc, ctx) => walk(doc, st, 0, test, leafArrays, ctx);
}

/** Bind a field matcher to its path, giving a document predicate. */
export function bindPath(path: string, m: FieldMatcher): Predicate {
  switch (m.kind) {
    case 'any':
      return anyAtPath(path, m.test, m.leafArrays);
    case 'and':
      return allOf(m.inner.map((x) => bindPath(path, x)));
    case 'not': {
      const p = bindPath(path, m.inner);
      return (doc, ctx) => !p(doc, ctx);
    }
  }
}

export const alwaysTrue: Predicate = () => true;
export const alwaysFalse: Predicate = () => false;

/** Conjunction with the common small arities unrolled. */
export function allOf(ps: Predicate[]): Predicate {
  switch (ps.length) {
    case 0:
      return alwaysTrue;
    case 1:
      return ps[0]!;
    case 2: {
      const [a, b] = ps as [Predicate, Predicate];
      return (d, c) => a(d, c) && b(d, c);
    }
    default:
      return (d, c) => {
        for (let i = 0; i < ps.length; i++) if (!ps[i]!(d, c)) return false;
        return true;
      };
  }
}

export function anyOf(ps: Predicate[]): Predicate {
  if (ps.length === 1) return ps[0]!;
  return (d, c) => {
    for (let i = 0; i < ps.length; i++) if (ps[i]!(d, c)) return true;
    return false;
  };
}
