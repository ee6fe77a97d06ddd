/** Argument-checking helpers shared by stage parsers (IDL-style messages, asp-spec §10). */
import type { JsonPath, Value, Doc } from '../core/types';
import { isPlainObject, typeName } from '../bson/types';
import type { ParseContext } from './types';
import type { DiagnosticCode } from '../core/codes';

export function err(ctx: ParseContext, path: JsonPath, message: string, code: DiagnosticCode = 'ASP301', extra?: { target?: 'key' | 'value'; data?: Record<string, unknown> }): void {
  ctx.report({ code, message, severity: 'error', path, ...extra });
}

/** The stage argument must be an object: `<stage> specification must be an object.` */
export function objectArg(stage: string, arg: Value, path: JsonPath, ctx: ParseContext): Doc | undefined {
  if (isPlainObject(arg)) return arg;
  err(ctx, path, `${stage} specification must be an object.`, 'ASP203');
  return undefined;
}

/** Report every field not in `allowed` as `BSON field '<prefix>.<f>' is an unknown field.` */
export function noUnknownFields(obj: Doc, allowed: readonly string[], prefix: string, path: JsonPath, ctx: ParseContext): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      err(ctx, [...path, k], `BSON field '${prefix}.${k}' is an unknown field.`, 'ASP302', { target: 'key', data: { allowed } });
    }
  }
}

/**
 * For stages whose connection's type picks the form ($emit): report the table's fields that
 * are not part of this form, with the unknown-field message (the checker reported the rest).
 */
export function otherFormFields(obj: Doc, form: readonly string[], prefix: string, path: JsonPath, ctx: ParseContext): boolean {
  let ok = true;
  for (const k of Object.keys(obj)) {
    if (form.includes(k)) continue;
    err(ctx, [...path, k], `BSON field '${prefix}.${k}' is an unknown field.`, 'ASP302', { target: 'key', data: { allowed: form } });
    ok = false;
  }
  return ok;
}

export function missing(prefix: string, field: string, path: JsonPath, ctx: ParseContext): void {
  err(ctx, path, `BSON field '${prefix}.${field}' is missing but a required field`, 'ASP303', { data: { field } });
}

const IDL_TYPE: Record<string, string> = { string: 'string', bool: 'bool', object: 'object', array: 'array', int: 'int', number: 'int' };

export function wrongType(prefix: string, field: string, v: Value, expected: string, path: JsonPath, ctx: ParseContext): void {
  err(ctx, path, `BSON field '${prefix}.${field}' is the wrong type '${typeName(v)}', expected type '${IDL_TYPE[expected] ?? expected}'`, 'ASP304');
}

export function optString(obj: Doc, field: string, prefix: string, path: JsonPath, ctx: ParseContext): string | undefined {
  const v = obj[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    wrongType(prefix, field, v, 'string', [...path, field], ctx);
    return undefined;
  }
  return v;
}

export function reqString(obj: Doc, field: string, prefix: string, path: JsonPath, ctx: ParseContext): string | undefined {
  if (obj[field] === undefined) {
    missing(prefix, field, path, ctx);
    return undefined;
  }
  return optString(obj, field, prefix, path, ctx);
}

export function optBool(obj: Doc, field: string, prefix: string, path: JsonPath, ctx: ParseContext): boolean | undefined {
  const v = obj[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    wrongType(prefix, field, v, 'bool', [...path, field], ctx);
    return undefined;
  }
  return v;
}

export function enumValue<T extends string>(obj: Doc, field: string, values: readonly T[], prefix: string, path: JsonPath, ctx: ParseContext): T | undefined {
  const v = optString(obj, field, prefix, path, ctx);
  if (v === undefined) return undefined;
  if (!values.includes(v as T)) {
    err(ctx, [...path, field], `Enumeration value '${v}' for field '${prefix}.${field}' is not a valid value.`, 'ASP305', { data: { allowed: values } });
    return undefined;
  }
  return v as T;
}

/** Does the JSON value mention a field name anywhere (keys or "$name..." strings)? */
export function mentionsField(v: Value, field: string): boolean {
  if (typeof v === 'string') return v === `$${field}` || v.startsWith(`$${field}.`) || v === '$$ROOT' || v.startsWith('$$ROOT.') || v === field;
  if (Array.isArray(v)) return v.some((x) => mentionsField(x, field));
  if (isPlainObject(v)) return Object.entries(v).some(([k, x]) => k === field || k.startsWith(field + '.') || mentionsField(x, field));
  return false;
}
