/**
 * Avro schema parsing (spec "Schema Declaration"): JSON text or an already parsed JSON value to
 * the type graph in types.ts. Named types register their full name before their body is read,
 * so later references and recursive references resolve to the same object. Every error is an
 * AvroSchemaError naming the JSON path of the offending part.
 */
import { defaultValue } from './defaults';
import { AvroSchemaError, joinPath } from './errors';
import { logicalOf } from './logicalTypes';
import { isPrimitiveName, namespaceOf, nameProblem, qualify } from './names';
import { branchName, type AvroField, type AvroType, type EnumType, type NamedType, type PrimitiveKind } from './types';

const RECORD_KEYS = new Set(['type', 'name', 'namespace', 'aliases', 'fields']);
const ENUM_KEYS = new Set(['type', 'name', 'namespace', 'aliases', 'symbols', 'default']);
const FIXED_KEYS = new Set(['type', 'name', 'namespace', 'aliases', 'size']);
const FIELD_KEYS = new Set(['name', 'type', 'default', 'aliases']);
const ORDERS = ['ascending', 'descending', 'ignore'];
/** Deeper schemas are refused rather than risk the stack (registry schemas are far shallower). */
const MAX_SCHEMA_DEPTH = 256;

interface Pending {
  field: AvroField;
  json: unknown;
  path: string;
}

class Parser {
  readonly names = new Map<string, NamedType>();
  readonly pendingDefaults: Pending[] = [];

  parse(s: unknown, ns: string, path: string, depth: number): AvroType {
    if (depth > MAX_SCHEMA_DEPTH) throw new AvroSchemaError(path, `the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
    if (typeof s === 'string') return this.reference(s, ns, path);
    if (Array.isArray(s)) return this.union(s, ns, path, depth);
    if (typeof s !== 'object' || s === null) throw new AvroSchemaError(path, `expected a type name, a schema object or a union array, found ${s === null ? 'null' : typeof s}`);
    const o = s as Record<string, unknown>;
    const type = o['type'];
    if (type === undefined) throw new AvroSchemaError(path, "the schema object has no 'type'");
    if (typeof type !== 'string') return this.parse(type, ns, joinPath(path, 'type'), depth + 1);
    switch (type) {
      case 'record':
      case 'error':
        return this.record(o, ns, path, depth, type === 'error');
      case 'enum':
        return this.enumType(o, ns, path);
      case 'fixed':
        return this.fixed(o, ns, path);
      case 'array': {
        if (!('items' in o)) throw new AvroSchemaError(path, "an array schema needs 'items'");
        return this.annotate({ kind: 'array', items: this.parse(o['items'], ns, joinPath(path, 'items'), depth + 1) }, o, new Set(['type', 'items']));
      }
      case 'map': {
        if (!('values' in o)) throw new AvroSchemaError(path, "a map schema needs 'values'");
        return this.annotate({ kind: 'map', values: this.parse(o['values'], ns, joinPath(path, 'values'), depth + 1) }, o, new Set(['type', 'values']));
      }
      default:
        if (isPrimitiveName(type)) return this.annotate({ kind: type as PrimitiveKind }, o, new Set(['type']));
        // `{"type": "Name"}` refers to a named type; attributes on a reference are not kept.
        return this.reference(type, ns, joinPath(path, 'type'));
    }
  }

  /** Keep the attributes beyond `structural` and the valid logical type they declare. */
  private annotate<T extends AvroType>(t: T, o: Record<string, unknown>, structural: Set<string>): T {
    const attrs: Record<string, unknown> = {};
    let any = false;
    for (const [k, v] of Object.entries(o)) {
      if (structural.has(k)) continue;
      attrs[k] = v;
      any = true;
    }
    if (!any) return t;
    t.attrs = attrs;
    const logical = logicalOf(t, attrs);
    if (logical) t.logical = logical;
    return t;
  }

  private reference(name: string, ns: string, path: string): AvroType {
    if (isPrimitiveName(name)) return { kind: name as PrimitiveKind };
    const problem = nameProblem(name, true);
    if (problem) throw new AvroSchemaError(path, `${problem}; expected a primitive type or a defined named type`);
    // A short name is looked up in the enclosing namespace first, then in the null namespace.
    const t = this.names.get(qualify(name, ns)) ?? this.names.get(name);
    if (!t) throw new AvroSchemaError(path, `'${name}' is not a primitive type or a named type defined before this point${ns ? ` (looked in namespace '${ns}')` : ''}`);
    return t;
  }

  private union(s: unknown[], ns: string, path: string, depth: number): AvroType {
    if (s.length === 0) throw new AvroSchemaError(path, 'a union needs at least one branch');
    const branches: AvroType[] = [];
    const seen = new Set<string>();
    s.forEach((b, i) => {
      const at = joinPath(path, i);
      const t = this.parse(b, ns, at, depth + 1);
      if (t.kind === 'union') throw new AvroSchemaError(at, 'a union may not directly contain another union');
      const key = branchName(t);
      if (seen.has(key)) throw new AvroSchemaError(at, `the union already has a ${key} branch`);
      seen.add(key);
      branches.push(t);
    });
    return { kind: 'union', branches };
  }

  /** Name, namespace and aliases of a named type; registers it under its full name. */
  private named<T extends NamedType>(o: Record<string, unknown>, ns: string, path: string, make: (name: string, namespace: string, aliases: string[]) => T): T {
    const name = o['name'];
    if (typeof name !== 'string') throw new AvroSchemaError(path, `a ${String(o['type'])} schema needs a 'name' string`);
    const nsAttr = o['namespace'];
    if (nsAttr !== undefined && nsAttr !== null && typeof nsAttr !== 'string') throw new AvroSchemaError(joinPath(path, 'namespace'), 'the namespace must be a string');
    if (typeof nsAttr === 'string' && nsAttr !== '') {
      const p = nameProblem(nsAttr, true);
      if (p) throw new AvroSchemaError(joinPath(path, 'namespace'), p);
    }
    const problem = nameProblem(name, true);
    if (problem) throw new AvroSchemaError(joinPath(path, 'name'), problem);
    const own = name.includes('.') ? namespaceOf(name) : typeof nsAttr === 'string' ? nsAttr : ns;
    const full = name.includes('.') ? name : qualify(name, own);
    if (isPrimitiveName(name.split('.').pop()!)) throw new AvroSchemaError(joinPath(path, 'name'), `'${name}' is a primitive type name and cannot name a ${String(o['type'])}`);
    if (this.names.has(full)) throw new AvroSchemaError(joinPath(path, 'name'), `'${full}' is already defined`);
    const aliases = this.aliases(o['aliases'], own, joinPath(path, 'aliases'));
    const t = make(full, own, aliases);
    this.names.set(full, t);
    return t;
  }

  private aliases(a: unknown, ns: string, path: string): string[] {
    if (a === undefined) return [];
    if (!Array.isArray(a)) throw new AvroSchemaError(path, 'aliases must be an array of names');
    return a.map((x, i) => {
      if (typeof x !== 'string' || nameProblem(x, true)) throw new AvroSchemaError(joinPath(path, i), `alias ${JSON.stringify(x)} is not a valid name`);
      return qualify(x, ns);
    });
  }

  private record(o: Record<string, unknown>, ns: string, path: string, depth: number, isError: boolean): AvroType {
    const t = this.named(o, ns, path, (name, namespace, aliases) => ({ kind: 'record' as const, name, namespace, aliases, fields: [] as AvroField[], ...(isError ? { isError } : {}) }));
    const fields = o['fields'];
    if (!Array.isArray(fields)) throw new AvroSchemaError(joinPath(path, 'fields'), `record ${t.name} needs a 'fields' array`);
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      const at = joinPath(joinPath(path, 'fields'), i);
      if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new AvroSchemaError(at, 'a field must be an object with a name and a type');
      const fo = f as Record<string, unknown>;
      const name = fo['name'];
      if (typeof name !== 'string') throw new AvroSchemaError(at, "a field needs a 'name' string");
      const problem = nameProblem(name, false);
      if (problem) throw new AvroSchemaError(joinPath(at, 'name'), problem);
      if (seen.has(name)) throw new AvroSchemaError(joinPath(at, 'name'), `record ${t.name} already has a field '${name}'`);
      seen.add(name);
      if (!('type' in fo)) throw new AvroSchemaError(at, `field '${name}' needs a 'type'`);
      if (fo['order'] !== undefined && !ORDERS.includes(fo['order'] as string)) throw new AvroSchemaError(joinPath(at, 'order'), `order must be one of ${ORDERS.join(', ')}`);
      const field: AvroField = { name, type: this.parse(fo['type'], t.namespace, joinPath(at, 'type'), depth + 1), aliases: this.aliases(fo['aliases'], '', joinPath(at, 'aliases')) };
      const attrs = Object.fromEntries(Object.entries(fo).filter(([k]) => !FIELD_KEYS.has(k)));
      if (Object.keys(attrs).length > 0) field.attrs = attrs;
      if ('default' in fo) this.pendingDefaults.push({ field, json: fo['default'], path: joinPath(at, 'default') });
      t.fields.push(field);
    });
    return this.annotate(t, o, RECORD_KEYS);
  }

  private enumType(o: Record<string, unknown>, ns: string, path: string): AvroType {
    const symbols = o['symbols'];
    const t = this.named(o, ns, path, (name, namespace, aliases): EnumType => ({ kind: 'enum', name, namespace, aliases, symbols: [] }));
    if (!Array.isArray(symbols)) throw new AvroSchemaError(joinPath(path, 'symbols'), `enum ${t.name} needs a 'symbols' array`);
    symbols.forEach((s, i) => {
      if (typeof s !== 'string' || nameProblem(s, false)) throw new AvroSchemaError(joinPath(joinPath(path, 'symbols'), i), `symbol ${JSON.stringify(s)} is not a valid name`);
      if (t.symbols.includes(s)) throw new AvroSchemaError(joinPath(joinPath(path, 'symbols'), i), `symbol '${s}' appears twice`);
      t.symbols.push(s);
    });
    const d = o['default'];
    if (d !== undefined) {
      if (typeof d !== 'string' || !t.symbols.includes(d)) throw new AvroSchemaError(joinPath(path, 'default'), `the enum default must be one of its symbols (${t.symbols.join(', ')})`);
      t.default = d;
    }
    return this.annotate(t, o, ENUM_KEYS);
  }

  private fixed(o: Record<string, unknown>, ns: string, path: string): AvroType {
    const size = o['size'];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new AvroSchemaError(joinPath(path, 'size'), 'a fixed schema needs a non-negative integer size');
    const t = this.named(o, ns, path, (name, namespace, aliases) => ({ kind: 'fixed' as const, name, namespace, aliases, size }));
    return this.annotate(t, o, FIXED_KEYS);
  }
}

/** JSON schema text, or a bare type name such as `string` (as JSON it would be `"string"`). */
function parseText(text: string): unknown {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AvroSchemaError('', `the schema is not valid JSON: ${(e as Error).message}`);
  }
}

/** Parse an Avro schema from JSON text or a JSON value; throws AvroSchemaError. */
export function parseAvroSchema(schema: unknown): AvroType {
  const json = typeof schema === 'string' ? parseText(schema) : schema;
  const p = new Parser();
  const type = p.parse(json, '', '', 0);
  for (const d of p.pendingDefaults) d.field.default = { value: defaultValue(d.field.type, d.json, d.path) };
  return type;
}
