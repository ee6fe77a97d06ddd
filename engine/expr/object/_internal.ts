/** Helpers private to the object operators: the constant `field` name of $getField & co. */
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import type { Compiler } from '../types';

/** `field` must be a constant string (use `{$literal: "$x"}` for names starting with `$`). */
export function constantField(c: Compiler, path: JsonPath, name: string, spec: Value): string | null {
  let v = spec;
  if (isPlainObject(v) && Object.keys(v).length === 1 && '$literal' in v) v = v['$literal'];
  else if (isPlainObject(v) || (typeof v === 'string' && v.startsWith('$'))) {
    c.error(path, `${name} requires 'field' to evaluate to a constant, but got a non-constant argument`, 'ASP411');
    return null;
  }
  if (typeof v !== 'string') {
    c.error(path, `${name} requires 'field' to evaluate to type String, but got ${typeName(v)}`, 'ASP411');
    return null;
  }
  return v;
}
