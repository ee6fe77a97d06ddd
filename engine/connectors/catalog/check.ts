/**
 * One registry entry checked against its kind's field table: aliases renamed to the Admin API
 * names, unknown fields (ASP504), missing required fields and wrong types (ASP502), enum
 * values, and secrets written as literals instead of `${env:NAME}` (ASP506); then the kind's
 * own check. Reports by JSON path and never throws.
 */
import type { Diagnostic, Doc, JsonPath } from '../../core/types';
import { isPlainObject } from '../../bson/types';
import { isEnvRef } from '../../connections/env';
import type { ConnectionKind } from '../../parse/connectionKind';
import type { FieldSpec, FieldType } from '../../parse/fieldSpec';
import { hasType } from '../../parse/fields';
import { entryFields, uriHasPassword } from './index';

const TYPE_WORD: Record<FieldType, string> = { string: 'string', int: 'integer', number: 'number', bool: 'boolean', object: 'object', array: 'array', date: 'date', any: 'value' };


/** Rename alias keys to the field's own name, in place (the first spelling present wins). */
function renameAliases(v: Doc, fields: readonly FieldSpec[]): void {
  for (const f of fields) {
    for (const a of f.aliases ?? []) {
      if (v[a] !== undefined && v[f.name] === undefined) {
        v[f.name] = v[a];
        delete v[a];
      }
    }
    const x = v[f.name];
    if (f.fields && isPlainObject(x)) renameAliases(x, f.fields);
  }
}

const article = (w: string): string => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`);
const typeWords = (types: readonly FieldType[]): string => types.map((t) => TYPE_WORD[t]).join(' or ');

/**
 * Check `entry` (already known to be an object with a valid name and type) and return it with
 * aliases renamed, or undefined when it cannot be used (a required field is missing or wrong).
 */
export function checkEntry(entry: Doc, kind: ConnectionKind, path: JsonPath, diags: Diagnostic[]): Doc | undefined {
  const c = structuredClone(entry);
  const fields = entryFields(kind);
  renameAliases(c, fields);
  let usable = true;
  const walk = (v: Doc, specs: readonly FieldSpec[], at: JsonPath, prefix: string, open: boolean): void => {
    if (!open) {
      for (const k of Object.keys(v)) {
        if (prefix === '' && (k === 'name' || k === 'type')) continue;
        if (!specs.some((f) => f.name === k)) diags.push({ code: 'ASP504', message: `Unknown field '${prefix}${k}' for a ${kind.type} connection`, severity: 'warning', path: [...at, k], target: 'key' });
      }
    }
    for (const f of specs) {
      const x = v[f.name];
      const fpath = [...at, f.name];
      const types: readonly FieldType[] = f.type === undefined ? [] : typeof f.type === 'string' ? [f.type] : f.type;
      if (x === undefined) {
        if (f.required) {
          diags.push({ code: 'ASP502', message: `A ${kind.type} connection needs ${article(typeWords(types) || 'value')} "${prefix}${f.name}"`, severity: 'error', path: fpath });
          usable = false;
        }
        continue;
      }
      if (types.length > 0 && !types.some((t) => hasType(x, t))) {
        diags.push({ code: 'ASP502', message: `'${prefix}${f.name}' of a ${kind.type} connection must be ${article(typeWords(types))}`, severity: 'error', path: fpath });
        if (f.required) usable = false;
        continue;
      }
      if (f.enum && !f.enum.includes(x as string) && !isEnvRef(x)) {
        diags.push({ code: 'ASP502', message: `'${prefix}${f.name}' of a ${kind.type} connection must be one of ${f.enum.join(', ')}`, severity: 'error', path: fpath, data: { allowed: f.enum } });
      }
      if (f.secret === true && typeof x === 'string' && !isEnvRef(x)) {
        diags.push({ code: 'ASP506', message: `Do not store secrets in the registry file: use "\${env:NAME}" for '${prefix}${f.name}'`, severity: 'error', path: fpath });
      } else if (f.secret === 'userinfo' && typeof x === 'string' && uriHasPassword(x)) {
        diags.push({ code: 'ASP506', message: `The ${f.name} contains a password: use "\${env:NAME}" for it`, severity: 'error', path: fpath });
      }
      if (f.fields && isPlainObject(x)) walk(x, f.fields, fpath, `${prefix}${f.name}.`, f.openKeys === true);
    }
  };
  walk(c, fields, path, '', false);
  kind.check?.(c, (message, rel, severity = 'error') => {
    diags.push({ code: 'ASP502', message, severity, path: [...path, ...rel] });
    if (severity === 'error') usable = false;
  });
  return usable ? c : undefined;
}
