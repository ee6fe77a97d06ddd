/**
 * $jsonSchema: a small compiler for the draft-04 subset MongoDB supports, with its `bsonType`
 * extension. Schemas become closures once, like filters; no code is generated from user input.
 * Values are checked by BSON type, so Date, ObjectId, Long or Decimal128 are never mistaken for
 * JSON objects or numbers.
 * https://www.mongodb.com/docs/manual/reference/operator/query/jsonSchema/
 */
import type { Doc, JsonPath, Value } from '../core/types';
import { isNumber, isPlainObject, toNumber, typeName } from '../bson/types';
import type { Predicate, QueryContext } from './types';
import { resolveType } from './typeAliases';
import { buildRegex } from './values';
import { JSON_TYPES, codePoints, hasOwn, isMultipleOf, unorderedEquals } from './jsonSchemaValues';

type Check = (v: Value) => boolean;

const KEYWORDS = new Set([
  'type', 'bsonType', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems',
  'properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties',
  'dependencies', 'allOf', 'anyOf', 'oneOf', 'not', 'title', 'description',
]);
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);

/** Compile the argument of `$jsonSchema`; undefined after reporting a problem. */
export function compileJsonSchema(schema: Value, q: QueryContext, path: JsonPath): Predicate | undefined {
  const ok = { value: true };
  const check = new SchemaCompiler(q, ok).schema(schema, path);
  if (!ok.value) return undefined;
  return (doc) => check(doc);
}

class SchemaCompiler {
  constructor(private readonly q: QueryContext, private readonly ok: { value: boolean }) {}

  private fail(path: JsonPath, message: string): Check {
    this.ok.value = false;
    this.q.fail(path, message);
    return () => false;
  }

  schema(s: Value, path: JsonPath): Check {
    if (!isPlainObject(s)) return this.fail(path, '$jsonSchema must be an object');
    for (const k of Object.keys(s)) {
      if (UNSUPPORTED.has(k)) this.fail([...path, k], `$jsonSchema keyword '${k}' is not currently supported`);
      else if (!KEYWORDS.has(k)) this.fail([...path, k], `Unknown $jsonSchema keyword: ${k}`);
    }
    const checks: Check[] = [];
    const add = (c: Check | undefined) => c && checks.push(c);
    add(this.types(s, path));
    add(this.enumeration(s, path));
    add(this.numeric(s, path));
    add(this.strings(s, path));
    add(this.arrays(s, path));
    add(this.objects(s, path));
    add(this.logic(s, path));
    for (const k of ['title', 'description']) {
      if (k in s && typeof s[k] !== 'string') this.fail([...path, k], `$jsonSchema keyword '${k}' must be a string`);
    }
    if (checks.length === 1) return checks[0]!;
    return (v) => {
      for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return false;
      return true;
    };
  }

  private types(s: Doc, path: JsonPath): Check | undefined {
    if ('type' in s && 'bsonType' in s) {
      this.fail(path, "Cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
      return undefined;
    }
    const key = 'type' in s ? 'type' : 'bsonType' in s ? 'bsonType' : undefined;
    if (!key) return undefined;
    const arg = s[key];
    const list = Array.isArray(arg) ? arg : [arg];
    if (list.length === 0) return this.fail([...path, key], `$jsonSchema keyword '${key}' must name at least one type`);
    const names = new Set<string>();
    for (const t of list) {
      if (typeof t !== 'string') return this.fail([...path, key], `$jsonSchema keyword '${key}' must be a string or an array of strings`);
      if (key === 'type') {
        if (t === 'integer') return this.fail([...path, key], "$jsonSchema type 'integer' is not currently supported.");
        const m = JSON_TYPES[t];
        if (!m) return this.fail([...path, key], `Unknown $jsonSchema type: ${t}`);
        m.forEach((n) => names.add(n));
      } else {
        const r = resolveType(t, false);
        if (typeof r === 'string') return this.fail([...path, key], r);
        r.forEach((n) => names.add(n));
      }
    }
    return (v) => names.has(typeName(v));
  }

  private enumeration(s: Doc, path: JsonPath): Check | undefined {
    if (!('enum' in s)) return undefined;
    const e = s['enum'];
    if (!Array.isArray(e) || e.length === 0) return this.fail([...path, 'enum'], "$jsonSchema keyword 'enum' must be a non-empty array");
    return (v) => e.some((x) => unorderedEquals(v, x));
  }

  private num(s: Doc, path: JsonPath, k: string): number | undefined {
    if (!(k in s)) return undefined;
    if (!isNumber(s[k])) {
      this.fail([...path, k], `$jsonSchema keyword '${k}' must be a number`);
      return undefined;
    }
    return toNumber(s[k]);
  }

  private count(s: Doc, path: JsonPath, k: string): number | undefined {
    const n = this.num(s, path, k);
    if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
      this.fail([...path, k], `$jsonSchema keyword '${k}' must be a non-negative integer`);
      return undefined;
    }
    return n;
  }

  private flag(s: Doc, path: JsonPath, k: string): boolean {
    if (!(k in s)) return false;
    if (typeof s[k] !== 'boolean') this.fail([...path, k], `$jsonSchema keyword '${k}' must be a boolean`);
    return s[k] === true;
  }

  private numeric(s: Doc, path: JsonPath): Check | undefined {
    const min = this.num(s, path, 'minimum');
    const max = this.num(s, path, 'maximum');
    const exMin = this.flag(s, path, 'exclusiveMinimum');
    const exMax = this.flag(s, path, 'exclusiveMaximum');
    if ('exclusiveMinimum' in s && !('minimum' in s)) this.fail([...path, 'exclusiveMinimum'], "$jsonSchema keyword 'minimum' must be a present if exclusiveMinimum is present");
    if ('exclusiveMaximum' in s && !('maximum' in s)) this.fail([...path, 'exclusiveMaximum'], "$jsonSchema keyword 'maximum' must be a present if exclusiveMaximum is present");
    const mult = this.num(s, path, 'multipleOf');
    if (mult !== undefined && !(mult > 0)) return this.fail([...path, 'multipleOf'], "$jsonSchema keyword 'multipleOf' must have a positive value");
    if (min === undefined && max === undefined && mult === undefined) return undefined;
    // Keywords on numbers pass every other type, as in JSON Schema.
    return (v) => {
      if (!isNumber(v)) return true;
      const x = toNumber(v);
      if (min !== undefined && !(exMin ? x > min : x >= min)) return false;
      if (max !== undefined && !(exMax ? x < max : x <= max)) return false;
      return mult === undefined || isMultipleOf(x, mult);
    };
  }

  private strings(s: Doc, path: JsonPath): Check | undefined {
    const min = this.count(s, path, 'minLength');
    const max = this.count(s, path, 'maxLength');
    let re: RegExp | undefined;
    if ('pattern' in s) {
      const p = s['pattern'];
      const r = typeof p === 'string' ? buildRegex(p, '') : "$jsonSchema keyword 'pattern' must be a string";
      if (typeof r === 'string') return this.fail([...path, 'pattern'], r);
      re = r;
    }
    if (min === undefined && max === undefined && !re) return undefined;
    return (v) => {
      if (typeof v !== 'string') return true;
      if (min !== undefined || max !== undefined) {
        const n = codePoints(v);
        if ((min !== undefined && n < min) || (max !== undefined && n > max)) return false;
      }
      return !re || re.test(v);
    };
  }

  private sub(v: Value, path: JsonPath, k: string): Check | boolean {
    if (typeof v === 'boolean') return v;
    if (!isPlainObject(v)) return this.fail(path, `$jsonSchema keyword '${k}' must be an object or a boolean`);
    return this.schema(v, path);
  }

  private arrays(s: Doc, path: JsonPath): Check | undefined {
    const minItems = this.count(s, path, 'minItems');
    const maxItems = this.count(s, path, 'maxItems');
    const unique = this.flag(s, path, 'uniqueItems');
    let all: Check | undefined;
    let tuple: Check[] | undefined;
    if ('items' in s) {
      const it = s['items'];
      if (Array.isArray(it)) tuple = it.map((x, i) => this.schema(x, [...path, 'items', i]));
      else if (isPlainObject(it)) all = this.schema(it, [...path, 'items']);
      else return this.fail([...path, 'items'], "$jsonSchema keyword 'items' must be an array or an object");
    }
    let extra: Check | boolean = true;
    if ('additionalItems' in s) extra = this.sub(s['additionalItems'], [...path, 'additionalItems'], 'additionalItems');
    if (!tuple) extra = true; // only meaningful next to an items array
    if (minItems === undefined && maxItems === undefined && !unique && !all && !tuple) return undefined;
    return (v) => {
      if (!Array.isArray(v)) return true;
      if (minItems !== undefined && v.length < minItems) return false;
      if (maxItems !== undefined && v.length > maxItems) return false;
      if (all && !v.every(all)) return false;
      if (tuple) {
        for (let i = 0; i < v.length; i++) {
          if (i < tuple.length) {
            if (!tuple[i]!(v[i])) return false;
          } else if (extra === false || (typeof extra === 'function' && !extra(v[i]))) return false;
        }
      }
      if (unique) {
        for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++) if (unorderedEquals(v[i], v[j])) return false;
      }
      return true;
    };
  }

  private objects(s: Doc, path: JsonPath): Check | undefined {
    const minP = this.count(s, path, 'minProperties');
    const maxP = this.count(s, path, 'maxProperties');
    const props: [string, Check][] = [];
    if ('properties' in s) {
      const p = s['properties'];
      if (!isPlainObject(p)) return this.fail([...path, 'properties'], "$jsonSchema keyword 'properties' must be an object");
      for (const k of Object.keys(p)) props.push([k, this.schema(p[k], [...path, 'properties', k])]);
    }
    const patterns: [RegExp, Check][] = [];
    if ('patternProperties' in s) {
      const p = s['patternProperties'];
      if (!isPlainObject(p)) return this.fail([...path, 'patternProperties'], "$jsonSchema keyword 'patternProperties' must be an object");
      for (const k of Object.keys(p)) {
        const re = buildRegex(k, '');
        if (typeof re === 'string') return this.fail([...path, 'patternProperties', k], re);
        patterns.push([re, this.schema(p[k], [...path, 'patternProperties', k])]);
      }
    }
    let required: string[] = [];
    if ('required' in s) {
      const r = s['required'];
      if (!Array.isArray(r) || r.length === 0 || r.some((x) => typeof x !== 'string') || new Set(r).size !== r.length) {
        return this.fail([...path, 'required'], "$jsonSchema keyword 'required' must be a non-empty array of unique strings");
      }
      required = r as string[];
    }
    let additional: Check | boolean = true;
    if ('additionalProperties' in s) additional = this.sub(s['additionalProperties'], [...path, 'additionalProperties'], 'additionalProperties');
    const deps = this.dependencies(s, path);
    const named = new Set(props.map(([k]) => k));
    if (!props.length && !patterns.length && !required.length && additional === true && !deps && minP === undefined && maxP === undefined) return undefined;
    return (v) => {
      if (!isPlainObject(v)) return true;
      for (const k of required) if (!hasOwn(v, k)) return false;
      for (const [k, c] of props) if (hasOwn(v, k) && !c(v[k])) return false;
      if (patterns.length || additional !== true || minP !== undefined || maxP !== undefined) {
        let n = 0;
        for (const k of Object.keys(v)) {
          const x = v[k];
          if (x === undefined) continue;
          n++;
          let matched = named.has(k);
          for (const [re, c] of patterns) {
            if (re.test(k)) {
              matched = true;
              if (!c(x)) return false;
            }
          }
          if (!matched && (additional === false || (typeof additional === 'function' && !additional(x)))) return false;
        }
        if ((minP !== undefined && n < minP) || (maxP !== undefined && n > maxP)) return false;
      }
      return !deps || deps(v);
    };
  }

  private dependencies(s: Doc, path: JsonPath): ((v: Doc) => boolean) | undefined {
    if (!('dependencies' in s)) return undefined;
    const d = s['dependencies'];
    if (!isPlainObject(d)) {
      this.fail([...path, 'dependencies'], "$jsonSchema keyword 'dependencies' must be an object");
      return undefined;
    }
    const rules: [string, (v: Doc) => boolean][] = [];
    for (const k of Object.keys(d)) {
      const x = d[k];
      const at = [...path, 'dependencies', k];
      if (Array.isArray(x)) {
        if (x.length === 0 || x.some((e) => typeof e !== 'string')) {
          this.fail(at, 'property dependencies must be a non-empty array of strings');
          continue;
        }
        rules.push([k, (v) => (x as string[]).every((e) => hasOwn(v, e))]);
      } else {
        const c = this.schema(x, at);
        rules.push([k, (v) => c(v)]);
      }
    }
    return (v) => rules.every(([k, r]) => !hasOwn(v, k) || r(v));
  }

  private list(s: Doc, path: JsonPath, k: string): Check[] | undefined {
    if (!(k in s)) return undefined;
    const a = s[k];
    if (!Array.isArray(a) || a.length === 0) {
      this.fail([...path, k], `$jsonSchema keyword '${k}' must be a non-empty array`);
      return undefined;
    }
    return a.map((x, i) => this.schema(x, [...path, k, i]));
  }

  private logic(s: Doc, path: JsonPath): Check | undefined {
    const allOf = this.list(s, path, 'allOf');
    const anyOf = this.list(s, path, 'anyOf');
    const oneOf = this.list(s, path, 'oneOf');
    const not = 'not' in s ? this.schema(s['not'], [...path, 'not']) : undefined;
    if (!allOf && !anyOf && !oneOf && !not) return undefined;
    return (v) => {
      if (allOf && !allOf.every((c) => c(v))) return false;
      if (anyOf && !anyOf.some((c) => c(v))) return false;
      if (oneOf && oneOf.filter((c) => c(v)).length !== 1) return false;
      return !not || !not(v);
    };
  }
}
