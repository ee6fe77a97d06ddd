/** $setField and $unsetField: copy an object with one field replaced or removed. */
import type { Doc, JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isPlainObject } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { constantField } from './_internal';
import { isNullish } from '../_shared/values';

export function compileSetField(name: string, unset: boolean, arg: Value, c: Compiler, path: JsonPath): Expr {
  const keys = unset ? ['field', 'input'] : ['field', 'input', 'value'];
  const args = namedArgs(c, path, arg, name, keys, keys, { notObject: () => `${name} only supports an object as its argument` });
  if (!args) return NULL_EXPR;
  const field = constantField(c, [...path, 'field'], name, args['field']);
  if (field === null) return NULL_EXPR;
  const input = c.expr(args['input'], [...path, 'input']);
  const value = unset ? undefined : c.expr(args['value'], [...path, 'value']);
  return (ctx) => {
    const o = input(ctx);
    if (isNullish(o)) return null;
    if (!isPlainObject(o)) throw new ExprError(`${name} requires 'input' to evaluate to type Object`);
    const v = value ? value(ctx) : undefined;
    const out: Doc = {};
    let placed = false;
    for (const k of Object.keys(o)) {
      if (k === field) {
        placed = true;
        if (v !== undefined) out[k] = v;
      } else out[k] = o[k];
    }
    if (!placed && v !== undefined) out[field] = v;
    return out;
  };
}
