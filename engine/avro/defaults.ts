/**
 * Field defaults (spec "Schema Declaration", record fields): the JSON form of a default as the
 * AvroValue the encoder writes when the field is absent. A union's default belongs to its first
 * branch; bytes and fixed defaults are strings whose code points are the byte values 0-255.
 */
import { AvroSchemaError } from './errors';
import { branchName, setKey, type AvroType, type AvroValue } from './types';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function bad(path: string, t: AvroType, why: string): never {
  throw new AvroSchemaError(path, `the default is not a valid ${t.kind}: ${why}`);
}

function latin1(path: string, t: AvroType, s: unknown): Buffer {
  if (typeof s !== 'string') return bad(path, t, 'expected a string of byte values');
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) bad(path, t, `character ${i} is beyond \\u00ff`);
  return Buffer.from(s, 'latin1');
}

/** Convert a JSON default for `t`; throws AvroSchemaError naming `path` when it does not fit. */
export function defaultValue(t: AvroType, json: unknown, path: string, depth = 0): AvroValue {
  if (depth > 200) throw new AvroSchemaError(path, 'the default nests too deeply');
  switch (t.kind) {
    case 'null':
      return json === null ? null : bad(path, t, 'expected null');
    case 'boolean':
      return typeof json === 'boolean' ? json : bad(path, t, 'expected true or false');
    case 'int':
      return typeof json === 'number' && Number.isInteger(json) && json >= INT32_MIN && json <= INT32_MAX ? json : bad(path, t, 'expected a 32-bit integer');
    case 'long':
      if (typeof json === 'number' && Number.isSafeInteger(json)) return BigInt(json);
      return bad(path, t, 'expected an integer');
    case 'float':
    case 'double':
      return typeof json === 'number' ? json : bad(path, t, 'expected a number');
    case 'string':
      return typeof json === 'string' ? json : bad(path, t, 'expected a string');
    case 'bytes':
      return latin1(path, t, json);
    case 'fixed': {
      const b = latin1(path, t, json);
      return b.length === t.size ? b : bad(path, t, `expected ${t.size} bytes, found ${b.length}`);
    }
    case 'enum':
      return typeof json === 'string' && t.symbols.includes(json) ? json : bad(path, t, `expected one of ${t.symbols.join(', ')}`);
    case 'array':
      if (!Array.isArray(json)) return bad(path, t, 'expected an array');
      return json.map((x) => defaultValue(t.items, x, path, depth + 1));
    case 'map': {
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad(path, t, 'expected an object');
      const out: Record<string, AvroValue> = {};
      for (const [k, x] of Object.entries(json)) setKey(out, k, defaultValue(t.values, x, path, depth + 1));
      return out;
    }
    case 'record': {
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad(path, t, 'expected an object');
      const o = json as Record<string, unknown>;
      const out: Record<string, AvroValue> = {};
      for (const f of t.fields) {
        if (Object.prototype.hasOwnProperty.call(o, f.name)) setKey(out, f.name, defaultValue(f.type, o[f.name], path, depth + 1));
        else if (f.default) setKey(out, f.name, f.default.value);
        else bad(path, t, `field '${f.name}' of record ${t.name} is missing and has no default`);
      }
      return out;
    }
    case 'union': {
      const first = t.branches[0]!;
      const v = defaultValue(first, json, path, depth + 1);
      return first.kind === 'null' ? null : { [branchName(first)]: v };
    }
  }
}
