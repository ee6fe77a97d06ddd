/** Shared argument handling of $and, $or and $nor. */
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import type { Predicate, QueryContext } from '../types';

export function docs(name: string): string {
  return `https://www.mongodb.com/docs/manual/reference/operator/query/${name.slice(1).toLowerCase()}/`;
}

/** Compile every clause; undefined after reporting a malformed argument. */
export function clauses(arg: Value, q: QueryContext, path: JsonPath): Predicate[] | undefined {
  if (!Array.isArray(arg) || arg.length === 0) return q.fail(path, '$and/$or/$nor must be a nonempty array');
  const out: Predicate[] = [];
  for (let i = 0; i < arg.length; i++) {
    if (!isPlainObject(arg[i])) return q.fail([...path, i], '$or/$and/$nor entries need to be full objects');
    // Clauses stay "top level": $expr and $jsonSchema remain allowed inside them.
    out.push(q.filter(arg[i], [...path, i], true));
  }
  return out;
}
