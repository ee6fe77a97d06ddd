/**
 * A structural check of an Avro schema (the Avro 1.11 specification's rules for primitives,
 * records, enums, arrays, maps, fixed and unions, names and references), so `$emit` reports a
 * broken `valueSchema.schema` when the pipeline is validated, in the editor too, without the
 * codec. The codec (engine/connectors/schemaRegistry) builds the real type when it runs.
 */
import { isPlainObject } from '../bson/types';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface AvroSchemaCheck {
  /** The first problem found, with the path inside the schema (`fields[1].type`). */
  error?: string;
  /** The full name of the top-level type when it is named (record, enum, fixed). */
  fullName?: string;
}

class Invalid extends Error {}

/** Check a schema given as parsed JSON or as JSON text. */
export function checkAvroSchema(schema: unknown): AvroSchemaCheck {
  let s = schema;
  if (typeof s === 'string' && /^\s*[[{"]/.test(s)) {
    try {
      s = JSON.parse(s) as unknown;
    } catch (e) {
      return { error: `the schema text is not JSON (${(e as Error).message})` };
    }
  }
  const named = new Set<string>();
  let top: string | undefined;
  const fail = (at: string, msg: string): never => {
    throw new Invalid(at ? `${at}: ${msg}` : msg);
  };
  const fullNameOf = (name: unknown, ns: string | undefined, at: string): string => {
    if (typeof name !== 'string' || name === '') return fail(at, 'a named type needs a "name"');
    const full = name.includes('.') || !ns ? name : `${ns}.${name}`;
    if (!full.split('.').every((p) => NAME.test(p))) fail(at, `"${name}" is not a valid Avro name`);
    if (named.has(full)) fail(at, `the name ${full} is defined twice`);
    named.add(full);
    return full;
  };
  const walk = (v: unknown, ns: string | undefined, at: string, inUnion = false): string => {
    if (typeof v === 'string') {
      if (PRIMITIVES.has(v)) return v;
      const ref = v.includes('.') || !ns ? v : `${ns}.${v}`;
      if (named.has(ref) || named.has(v)) return named.has(ref) ? ref : v;
      return fail(at, `unknown type "${v}" (a primitive, or a named type defined before this point)`);
    }
    if (Array.isArray(v)) {
      if (inUnion) fail(at, 'a union may not contain a union directly');
      const seen = new Set<string>();
      v.forEach((b, i) => {
        const key = walk(b, ns, `${at}[${i}]`, true);
        if (seen.has(key)) fail(`${at}[${i}]`, `the union has ${key} twice`);
        seen.add(key);
      });
      return 'union';
    }
    if (!isPlainObject(v)) return fail(at, 'a schema is a type name, a union array or an object with "type"');
    const t = v['type'];
    const space = typeof v['namespace'] === 'string' ? (v['namespace'] as string) : ns;
    switch (t) {
      case 'record':
      case 'error': {
        const full = fullNameOf(v['name'], space, at);
        top ??= full;
        const fields = v['fields'];
        if (!Array.isArray(fields)) fail(at, `record ${full} needs a "fields" array`);
        const names = new Set<string>();
        const inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined;
        (fields as unknown[]).forEach((f, i) => {
          const fat = `${at ? `${at}.` : ''}fields[${i}]`;
          if (!isPlainObject(f) || typeof f['name'] !== 'string' || !NAME.test(f['name'])) fail(fat, 'a field needs a valid "name"');
          const fname = (f as Record<string, unknown>)['name'] as string;
          if (names.has(fname)) fail(fat, `the field ${fname} appears twice`);
          names.add(fname);
          if ((f as Record<string, unknown>)['type'] === undefined) fail(fat, `field ${fname} needs a "type"`);
          walk((f as Record<string, unknown>)['type'], inner, `${fat}.type`);
        });
        return full;
      }
      case 'enum': {
        const full = fullNameOf(v['name'], space, at);
        top ??= full;
        const symbols = v['symbols'];
        if (!Array.isArray(symbols) || !symbols.every((x) => typeof x === 'string' && NAME.test(x))) fail(at, `enum ${full} needs "symbols", an array of names`);
        if (new Set(symbols as string[]).size !== (symbols as string[]).length) fail(at, `enum ${full} repeats a symbol`);
        return full;
      }
      case 'fixed': {
        const full = fullNameOf(v['name'], space, at);
        top ??= full;
        if (typeof v['size'] !== 'number' || !Number.isInteger(v['size']) || v['size'] < 0) fail(at, `fixed ${full} needs a "size", a non-negative integer`);
        return full;
      }
      case 'array':
        if (v['items'] === undefined) fail(at, 'an array needs "items"');
        walk(v['items'], ns, `${at ? `${at}.` : ''}items`);
        return 'array';
      case 'map':
        if (v['values'] === undefined) fail(at, 'a map needs "values"');
        walk(v['values'], ns, `${at ? `${at}.` : ''}values`);
        return 'map';
      default:
        if (typeof t === 'string' && PRIMITIVES.has(t)) return t;
        if (typeof t === 'string' || Array.isArray(t) || isPlainObject(t)) return walk(t, ns, at ? `${at}.type` : 'type', inUnion);
        return fail(at, 'an object schema needs a "type"');
    }
  };
  try {
    walk(s, undefined, '');
  } catch (e) {
    if (e instanceof Invalid) return { error: e.message };
    throw e;
  }
  return { fullName: top !== undefined && isPlainObject(s) && ['record', 'error', 'enum', 'fixed'].includes(s['type'] as string) ? top : undefined };
}
