/**
 * The shared, table-driven argument checker: unknown fields (ASP302), missing required fields
 * (ASP303), wrong value types (ASP304) and values outside an enum (ASP305), with MongoDB's IDL
 * messages (or a field's own wording, FieldSpec.messages). The pipeline validator runs it on
 * every stage with a field table before the stage's parse(), which then reads checked values.
 */
import type { Doc, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { toRelaxedJSON } from '../json/ejson';
import { err, missing, wrongType } from './args';
import type { FieldSpec } from './fieldSpec';
import { hasType, isEnumerable, typesOf } from './fields';
import type { ParseContext, StageSpec } from './types';

/** `{value}`: the value as written (strings unquoted); `{json}`: as relaxed JSON. */
function fill(template: string, v: Value): string {
  const json = toRelaxedJSON({ v }).slice(5, -1);
  return template.replace('{value}', isEnumerable(v) ? String(v) : json).replace('{json}', json);
}

/**
 * Check `obj` against `fields`; `prefix` is the IDL path of `obj` (`$merge.into`). Reports
 * every problem and returns true when there was none.
 */
export function checkFields(fields: readonly FieldSpec[], obj: Doc, prefix: string, path: JsonPath, ctx: ParseContext): boolean {
  let ok = true;
  const allowed = fields.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
  for (const k of Object.keys(obj)) {
    if (allowed.includes(k)) continue;
    const suggestion = fields.find((f) => f.misnomers?.includes(k))?.name;
    err(ctx, [...path, k], `BSON field '${prefix}.${k}' is an unknown field.`, 'ASP302', { target: 'key', data: suggestion ? { allowed, suggestion } : { allowed } });
    ok = false;
  }
  for (const f of fields) {
    const name = [f.name, ...(f.aliases ?? [])].find((n) => obj[n] !== undefined);
    if (name === undefined) {
      if (!f.required) continue;
      if (f.messages?.missing) err(ctx, path, f.messages.missing, 'ASP303', { data: { field: f.name } });
      else missing(prefix, f.name, path, ctx);
      ok = false;
      continue;
    }
    ok = checkValue(f, obj[name], prefix, name, [...path, name], ctx) && ok;
  }
  return ok;
}

function checkValue(f: FieldSpec, v: Value, prefix: string, name: string, path: JsonPath, ctx: ParseContext): boolean {
  const types = typesOf(f.type);
  if (types.length > 0 && !types.some((t) => hasType(v, t))) {
    if (f.messages?.wrongType) err(ctx, path, fill(f.messages.wrongType, v), f.messages.wrongTypeCode ?? 'ASP304');
    else wrongType(prefix, name, v, types[0]!, path, ctx);
    return false;
  }
  if (f.enum && isEnumerable(v) && !f.enum.includes(v)) {
    const message = f.messages?.badEnum ? fill(f.messages.badEnum, v) : `Enumeration value '${String(v)}' for field '${prefix}.${name}' is not a valid value.`;
    err(ctx, path, message, 'ASP305', { data: { allowed: f.enum } });
    return false;
  }
  if (f.fields && isPlainObject(v)) return checkFields(f.fields, v, `${prefix}.${name}`, path, ctx);
  return true;
}

/**
 * The checker for a stage: its table against the argument. A stage without a table (a root
 * role) checks its argument in parse(); so does a `shorthand` value. A non-object argument of
 * a stage with a table is ASP203.
 */
export function checkStageArg(spec: StageSpec, arg: Value, path: JsonPath, ctx: ParseContext): boolean {
  if (!spec.fields || spec.checkFieldsInParse) return true;
  if (!isPlainObject(arg)) {
    if (spec.shorthand) return true;
    err(ctx, path, `${spec.name} specification must be an object.`, 'ASP203');
    return false;
  }
  return checkFields(spec.fields, arg, spec.idlName ?? spec.name, path, ctx);
}

/**
 * What every caller of a stage's parser does: the table's checks, then parse() for the rules
 * the table cannot say (it still runs, so all problems are reported at once). A stage whose
 * argument broke the table has no config.
 */
export function parseStageArg<C>(spec: StageSpec<C>, arg: Value, path: JsonPath, ctx: ParseContext): C | undefined {
  const checked = checkStageArg(spec as StageSpec, arg, path, ctx);
  const config = spec.parse(arg, path, ctx);
  return checked ? config : undefined;
}
