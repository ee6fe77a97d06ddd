/** Helpers private to the object operators: the `field` name of $getField, $setField, $unsetField. */
import type { JsonPath, Value } from '../../core/types';
import { isPlainObject, typeName } from '../../bson/types';
import type { Compiler } from '../types';

/** The literal behind a `field` spec (`"name"`, `{$literal: v}`, `{$const: v}`), or undefined for an expression. */
export function literalField(spec: Value): { value: Value } | undefined {
  if (isPlainObject(spec)) {
    const keys = Object.keys(spec);
    if (keys.length === 1 && (keys[0] === '$literal' || keys[0] === '$const')) return { value: spec[keys[0]] };
    return undefined;
  }
  if (typeof spec === 'string' && spec.startsWith('$')) return undefined;
  return { value: spec };
}

export function fieldTypeMessage(name: string, v: Value): string {
  return `${name} requires 'field' to evaluate to type String, but got ${typeName(v)}`;
}

/**
 * $setField / $unsetField: `field` must be a constant string without a null byte (use
 * `{$literal: "$x"}` for names starting with `$`). MongoDB 7.2+ lets only $getField compute it.
 */
export function constantField(c: Compiler, path: JsonPath, name: string, spec: Value): string | null {
  const lit = literalField(spec);
  if (lit === undefined) {
    c.error(path, `${name} requires 'field' to evaluate to a constant, but got a non-constant argument`, 'ASP411');
    return null;
  }
  if (typeof lit.value !== 'string') {
    c.error(path, fieldTypeMessage(name, lit.value), 'ASP411');
    return null;
  }
  // BSON field names cannot hold NUL (jstests/aggregation/expressions/expression_set_field_null_chars.js).
  if (lit.value.includes('\0')) {
    c.error(path, `${name}: 'field' cannot contain an embedded null byte`, 'ASP411');
    return null;
  }
  return lit.value;
}
