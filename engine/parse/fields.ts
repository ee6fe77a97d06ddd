/**
 * Reading a field table: the field at an option path, the accepted value types of a field, and
 * whether a value has one of them. Shared by the schema derivation, the checker, the stage
 * parsers and the language server, so all of them read a table the same way.
 */
import type { JsonPath, Value } from '../core/types';
import { isPlainObject, toNumber } from '../bson/types';
import { INT32_MAX, INT32_MIN, numberKind } from '../bson/numbers';
import type { FieldSpec, FieldType } from './fieldSpec';

/** The field called `name` (or one of its aliases) in `fields`. */
export function fieldNamed(fields: readonly FieldSpec[] | undefined, name: string): FieldSpec | undefined {
  return fields?.find((f) => f.name === name || f.aliases?.includes(name));
}

/** The field at an option path below a table (array indices are stepped over). */
export function fieldAt(fields: readonly FieldSpec[] | undefined, path: JsonPath): FieldSpec | undefined {
  let cur: FieldSpec | undefined;
  let table = fields;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    cur = fieldNamed(table, seg);
    if (!cur) return undefined;
    table = cur.fields;
  }
  return cur;
}

/**
 * The connection types the position at `path` accepts (the list connectionRef checks, so
 * completion, quick fixes and acceptance agree); undefined when it is not a connection field.
 */
export function connectionTypesAt(fields: readonly FieldSpec[] | undefined, path: JsonPath): readonly string[] | undefined {
  const f = fieldAt(fields, path);
  return f?.role === 'connection' ? f.connectionTypes : undefined;
}

/** The nested fields at an option path (the table itself for the empty path). */
export function fieldsAt(fields: readonly FieldSpec[] | undefined, path: JsonPath): readonly FieldSpec[] | undefined {
  return path.some((s) => typeof s === 'string') ? fieldAt(fields, path)?.fields : fields;
}

/** The declared value types, as a list (empty: any value). */
export function typesOf(t: FieldType | readonly FieldType[] | undefined): readonly FieldType[] {
  if (t === undefined) return [];
  return typeof t === 'string' ? [t] : t;
}

function bsonType(v: Value): string | undefined {
  return v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

/**
 * Does `v` have value type `t`? `int` is an integral value within 32 bits of any number type
 * (IDL's safeInt): Atlas's own GET replies print `size: 10` as `10.0`, and that body is taken back.
 */
export function hasType(v: Value, t: FieldType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      if (numberKind(v) < 0) return false;
      return Number.isInteger(toNumber(v)) && toNumber(v) >= INT32_MIN && toNumber(v) <= INT32_MAX;
    case 'number':
      return typeof v === 'number' || ['Int32', 'Long', 'Double', 'Decimal128'].includes(bsonType(v) ?? '');
    case 'bool':
      return typeof v === 'boolean';
    case 'object':
      return isPlainObject(v);
    case 'array':
      return Array.isArray(v);
    case 'date':
      return v instanceof Date;
    case 'any':
      return true;
  }
}

/** The JS number of an `int` value (see hasType), else undefined. */
export function intValue(v: Value): number | undefined {
  return hasType(v, 'int') ? toNumber(v) : undefined;
}

/** The JS number of a value of any BSON number type, else undefined. */
export function numberArg(v: Value): number | undefined {
  return numberKind(v) < 0 ? undefined : toNumber(v);
}

/** Values an enum constrains: plain strings, numbers and booleans (objects and arrays pass). */
export function isEnumerable(v: Value): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Every field of a table, nested ones included, with its dotted option path. */
export function walkFields(fields: readonly FieldSpec[], visit: (f: FieldSpec, path: string) => void, prefix = ''): void {
  for (const f of fields) {
    const p = prefix ? `${prefix}.${f.name}` : f.name;
    visit(f, p);
    if (f.fields) walkFields(f.fields, visit, p);
  }
}
