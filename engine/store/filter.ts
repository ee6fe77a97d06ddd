/**
 * The small filter language the local store answers: what $merge, $lookup and the DLQ writer
 * send. Equality on (dotted) paths with MongoDB's array-contains rule, $eq, $in, $ne, $exists,
 * $and, $or. Anything else is refused with a clear message rather than guessed at.
 */
import type { Doc, Value } from '../core/types';
import { equals } from '../bson/compare';
import { isPlainObject } from '../bson/types';
import { EngineError } from '../core/errors';

export type DocPredicate = (doc: Doc) => boolean;

/** Values at a dotted path, flattening arrays on the way (for equality matching). */
function valuesAt(v: Value, parts: string[], i: number, out: Value[]): void {
  if (i === parts.length) {
    out.push(v);
    if (Array.isArray(v)) for (const e of v) out.push(e);
    return;
  }
  if (Array.isArray(v)) {
    for (const e of v) if (isPlainObject(e) || Array.isArray(e)) valuesAt(e, parts, i, out);
    return;
  }
  if (!isPlainObject(v)) {
    out.push(undefined);
    return;
  }
  valuesAt(v[parts[i]!], parts, i + 1, out);
}

/** Equality as a query sees it: null also matches missing. */
function eq(found: Value, want: Value): boolean {
  if (want === null) return found === null || found === undefined;
  return found !== undefined && equals(found, want);
}

function fieldPredicate(path: string, cond: Value): DocPredicate {
  const parts = path.split('.');
  const at = (d: Doc): Value[] => {
    const out: Value[] = [];
    valuesAt(d, parts, 0, out);
    return out;
  };
  if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
    const preds: DocPredicate[] = Object.entries(cond).map(([op, arg]) => {
      switch (op) {
        case '$eq':
          return (d) => at(d).some((v) => eq(v, arg));
        case '$ne':
          return (d) => !at(d).some((v) => eq(v, arg));
        case '$in':
          if (!Array.isArray(arg)) throw new EngineError('$in needs an array', 'user', 'ASP_STORE_FILTER');
          return (d) => at(d).some((v) => arg.some((w) => eq(v, w)));
        case '$exists':
          return (d) => at(d).some((v) => v !== undefined) === Boolean(arg);
        default:
          throw new EngineError(`the local store does not support the query operator ${op}`, 'user', 'ASP_STORE_FILTER');
      }
    });
    return (d) => preds.every((p) => p(d));
  }
  return (d) => at(d).some((v) => eq(v, cond));
}

export function compileStoreFilter(filter: Doc): DocPredicate {
  const preds: DocPredicate[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' || k === '$or') {
      if (!Array.isArray(v)) throw new EngineError(`${k} needs an array`, 'user', 'ASP_STORE_FILTER');
      const subs = v.map((s) => compileStoreFilter(s as Doc));
      preds.push(k === '$and' ? (d) => subs.every((p) => p(d)) : (d) => subs.some((p) => p(d)));
    } else if (k.startsWith('$')) {
      throw new EngineError(`the local store does not support the query operator ${k}`, 'user', 'ASP_STORE_FILTER');
    } else {
      preds.push(fieldPredicate(k, v));
    }
  }
  if (preds.length === 1) return preds[0]!;
  return (d) => preds.every((p) => p(d));
}

/** The `_id` a filter pins down exactly (`{_id: x}`), for the primary-key fast path. */
export function exactId(filter: Doc): { id: Value } | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const v = filter['_id'];
  if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) return undefined;
  if (Array.isArray(v)) return undefined;
  return { id: v };
}
