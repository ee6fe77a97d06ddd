/**
 * Connection references in sources, sinks and lookups: existence (ASP510) and the type check
 * (ASP511) against the `connectionTypes` of the field's table entry, the same list the
 * language server completes and quick-fixes from.
 */
import type { Connection } from '../connections/types';
import type { JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { err } from './args';
import type { ParseContext } from './types';
import type { NameSpec } from '../io/types';
import type { FieldSpec } from './fieldSpec';

export interface ConnectionMessages {
  /** ASP510: the name is not in the registry. */
  unknown(name: string): string;
  /** ASP511: the connection's type is not one the field accepts. */
  wrongType(name: string, type: string): string;
}

/** Look the connection of a `connection` field up and check its type against the field's table entry. */
export function connectionRef(name: string, path: JsonPath, ctx: ParseContext, field: FieldSpec, messages: ConnectionMessages): Connection | undefined {
  const want = field.connectionTypes ?? [];
  const c = ctx.connections.get(name);
  if (!c) {
    err(ctx, path, messages.unknown(name), 'ASP510', { data: { name, want } });
    return undefined;
  }
  if (!(want as readonly string[]).includes(c.type)) {
    err(ctx, path, messages.wrongType(name, c.type), 'ASP511', { data: { name, type: c.type } });
    return undefined;
  }
  return c;
}

/**
 * A database or collection name that may be computed per document: a literal string, or an
 * expression (a `$` path or an operator object). The table checked the type; an empty literal
 * is rejected here.
 */
export function nameSpec(v: Value, prefix: string, field: string, path: JsonPath, ctx: ParseContext): NameSpec | undefined {
  if (typeof v === 'string' && !v.startsWith('$')) {
    if (v.length === 0) {
      err(ctx, path, `${prefix}.${field} must not be empty`, 'ASP304');
      return undefined;
    }
    return { literal: v };
  }
  if (typeof v === 'string' || isPlainObject(v)) return { expr: ctx.compiler.expr(v, path) };
  return undefined;
}
