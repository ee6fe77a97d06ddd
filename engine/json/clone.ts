/** Deep copy of engine values: plain objects and arrays are copied, BSON values are shared (immutable). */
import type { Doc, Value } from '../core/types';

export function cloneValue(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v instanceof Date) return new Date(v.getTime());
  if ((v as { _bsontype?: string })._bsontype !== undefined) return v;
  return cloneDoc(v as Doc);
}

export function cloneDoc(d: Doc): Doc {
  const out: Doc = {};
  for (const k in d) out[k] = cloneValue(d[k]);
  return out;
}
