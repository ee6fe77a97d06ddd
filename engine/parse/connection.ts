/** Connection references in sink and lookup stages: existence and type checks (ASP5xx). */
import type { Connection, ConnectionType } from '../connections/types';
import type { Doc, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { err, missing, wrongType } from './args';
import type { ParseContext } from './types';
import type { NameSpec } from '../io/types';

/** Look a connection up; reports `message(name)` (ASP510) when it does not exist. */
export function connectionRef(name: string, path: JsonPath, ctx: ParseContext, want: ConnectionType[], unknownMessage: (n: string) => string): Connection | undefined {
  const c = ctx.connections.get(name);
  if (!c) {
    err(ctx, path, unknownMessage(name), 'ASP510', { data: { name, want } });
    return undefined;
  }
  return c;
}

export function nameSpec(obj: Doc, field: string, prefix: string, path: JsonPath, ctx: ParseContext): NameSpec | undefined {
  const v: Value = obj[field];
  if (v === undefined) {
    missing(prefix, field, path, ctx);
    return undefined;
  }
  if (typeof v === 'string' && !v.startsWith('$')) {
    if (v.length === 0) {
      err(ctx, [...path, field], `${prefix}.${field} must not be empty`, 'ASP304');
      return undefined;
    }
    return { literal: v };
  }
  if (typeof v === 'string' || isPlainObject(v)) return { expr: ctx.compiler.expr(v, [...path, field]) };
  wrongType(prefix, field, v, 'string', [...path, field], ctx);
  return undefined;
}
