/**
 * A parsed schema back to its JSON form: each named type is written in full where it first
 * appears (with its full name) and by name after that, and attributes beyond the structural
 * ones (logicalType, precision, scale, doc, custom properties) are kept.
 */
import type { AvroField, AvroType } from './types';

function field(f: AvroField, seen: Set<string>): unknown {
  const o: Record<string, unknown> = { name: f.name, type: toJson(f.type, seen) };
  if (f.default) o['default'] = jsonOfDefault(f.default.value);
  if (f.aliases.length > 0) o['aliases'] = f.aliases;
  return { ...o, ...f.attrs };
}

/** A default's AvroValue back to JSON: bytes as latin-1 strings, longs as numbers, unions unwrapped. */
function jsonOfDefault(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(jsonOfDefault);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonOfDefault(x)]));
  return v;
}

function unionDefault(t: AvroType, v: unknown): unknown {
  if (t.kind !== 'union' || v === null || typeof v !== 'object') return v;
  return Object.values(v as object)[0];
}

export function toJson(t: AvroType, seen = new Set<string>()): unknown {
  switch (t.kind) {
    case 'record':
    case 'enum':
    case 'fixed': {
      if (seen.has(t.name)) return t.name;
      seen.add(t.name);
      const o: Record<string, unknown> = { type: t.kind === 'record' && t.isError ? 'error' : t.kind, name: t.name };
      if (t.aliases.length > 0) o['aliases'] = t.aliases;
      if (t.kind === 'record') {
        o['fields'] = t.fields.map((f) => {
          const j = field(f, seen) as Record<string, unknown>;
          if (f.default) j['default'] = jsonOfDefault(unionDefault(f.type, f.default.value));
          return j;
        });
      } else if (t.kind === 'enum') {
        o['symbols'] = t.symbols;
        if (t.default !== undefined) o['default'] = t.default;
      } else o['size'] = t.size;
      return { ...o, ...t.attrs };
    }
    case 'array':
      return { type: 'array', items: toJson(t.items, seen), ...t.attrs };
    case 'map':
      return { type: 'map', values: toJson(t.values, seen), ...t.attrs };
    case 'union':
      return t.branches.map((b) => toJson(b, seen));
    default:
      return t.attrs ? { type: t.kind, ...t.attrs } : t.kind;
  }
}

/** The schema as JSON text. */
export function schemaJsonText(t: AvroType): string {
  return JSON.stringify(toJson(t));
}
