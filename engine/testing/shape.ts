/**
 * A small description language for JSON file formats: each shape both checks a parsed value
 * (reporting problems by JSON path) and prints its JSON Schema. The fixture format is written
 * once in it (format.ts), so the generated schema and the parser cannot disagree, and the
 * TypeScript type of a parsed fixture is inferred from the same description.
 */
import type { JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';

export type JsonSchema = Record<string, unknown>;
/** `key`: point at the member's name (an unknown field), not its value. */
export type Report = (path: JsonPath, message: string, target?: 'key') => void;
/** Returned by read() after a problem was reported. */
export const BAD = Symbol('bad');

export interface Shape<T> {
  /** "a string", "an object": for "expected ..." messages. */
  readonly expected: string;
  /** A cheap type test that lets a union pick its branch. */
  accepts(v: Value): boolean;
  read(v: Value, path: JsonPath, report: Report): T | typeof BAD;
  /** The JSON Schema; named shapes add themselves to `defs` and return a $ref. */
  schema(defs: Record<string, JsonSchema>): JsonSchema;
}

export type Infer<S> = S extends Shape<infer T> ? T : never;

function show(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  if (isPlainObject(v)) return 'an object';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

function leaf<T>(expected: string, schema: JsonSchema, accepts: (v: Value) => boolean, check?: (v: T) => string | undefined): Shape<T> {
  return {
    expected,
    accepts,
    read(v, path, report) {
      if (!accepts(v)) {
        report(path, `expected ${expected}, found ${show(v)}`);
        return BAD;
      }
      const problem = check?.(v as T);
      if (problem) {
        report(path, problem);
        return BAD;
      }
      return v as T;
    },
    schema: () => ({ ...schema }),
  };
}

export function str(description: string, minLength = 0): Shape<string> {
  return leaf<string>('a string', { type: 'string', description, ...(minLength ? { minLength } : {}) }, (v) => typeof v === 'string',
    (v) => (v.length < minLength ? 'expected a non-empty string' : undefined));
}

export function bool(description: string): Shape<boolean> {
  return leaf<boolean>('true or false', { type: 'boolean', description }, (v) => typeof v === 'boolean');
}

export function int(description: string, minimum = 0): Shape<number> {
  return leaf<number>(`a whole number >= ${minimum}`, { type: 'integer', minimum, description }, (v) => typeof v === 'number' && Number.isInteger(v),
    (v) => (v < minimum ? `expected a whole number >= ${minimum}, found ${v}` : undefined));
}

export function oneOfValues<const V extends string>(values: readonly V[], description: string): Shape<V> {
  return leaf<V>(values.map((v) => JSON.stringify(v)).join(' or '), { enum: [...values], description }, (v) => typeof v === 'string' && (values as readonly string[]).includes(v));
}

/** Any document (a JSON object; Extended JSON values inside are allowed). */
export function doc(description: string): Shape<Record<string, Value>> {
  return leaf<Record<string, Value>>('a document (JSON object)', { type: 'object', description }, isPlainObject);
}

/** `{"$date": ...}` or an ISO-8601 string; read as a Date. */
export function date(description: string): Shape<Date> {
  const base = leaf<Date | string>('a date ({"$date": "..."} or an ISO-8601 string)', {}, (v) => v instanceof Date || typeof v === 'string');
  return {
    ...base,
    read(v, path, report) {
      const r = base.read(v, path, report);
      if (r === BAD) return BAD;
      const d = r instanceof Date ? r : new Date(r);
      if (Number.isNaN(d.getTime())) {
        report(path, `expected a date, found ${show(v)}`);
        return BAD;
      }
      return d;
    },
    schema: () => ({
      description,
      anyOf: [
        { type: 'object', required: ['$date'], properties: { $date: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'object' }] } }, additionalProperties: false },
        { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
      ],
    }),
  };
}

export function arr<T>(item: Shape<T>, description: string, minItems = 0): Shape<T[]> {
  return {
    expected: 'an array',
    accepts: Array.isArray,
    read(v, path, report) {
      if (!Array.isArray(v)) {
        report(path, `expected an array, found ${show(v)}`);
        return BAD;
      }
      if (v.length < minItems) {
        report(path, `expected at least ${minItems} item${minItems === 1 ? '' : 's'}`);
        return BAD;
      }
      let ok = true;
      const out: T[] = [];
      v.forEach((x, i) => {
        const r = item.read(x, [...path, i], report);
        if (r === BAD) ok = false;
        else out.push(r);
      });
      return ok ? out : BAD;
    },
    schema: (defs) => ({ type: 'array', description, items: item.schema(defs), ...(minItems ? { minItems } : {}) }),
  };
}

type Props = Record<string, Shape<unknown>>;
type ObjOf<P extends Props, R extends keyof P> = { [K in R]: Infer<P[K]> } & { [K in Exclude<keyof P, R>]?: Infer<P[K]> };

export interface ObjOptions<R> {
  description: string;
  required?: readonly R[];
  /** At most one of these keys may be present ("one of documents, events, ..."). */
  exclusive?: readonly string[];
  /** At least one of the exclusive keys must be present. */
  needOneOf?: boolean;
}

export function obj<P extends Props, R extends keyof P & string = never>(props: P, opts: ObjOptions<R>): Shape<ObjOf<P, R>> {
  const required: readonly string[] = opts.required ?? [];
  return {
    expected: 'an object',
    accepts: isPlainObject,
    read(v, path, report) {
      if (!isPlainObject(v)) {
        report(path, `expected an object, found ${show(v)}`);
        return BAD;
      }
      let ok = true;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const p = props[k];
        if (!p) {
          report([...path, k], `unknown field '${k}' (expected ${Object.keys(props).join(', ')})`, 'key');
          ok = false;
          continue;
        }
        const r = p.read(v[k], [...path, k], report);
        if (r === BAD) ok = false;
        else out[k] = r;
      }
      for (const k of required) {
        if (!(k in v)) {
          report(path, `missing field '${k}'`);
          ok = false;
        }
      }
      if (opts.exclusive) {
        const present = opts.exclusive.filter((k) => k in v);
        if (present.length > 1) {
          report([...path, present[1]!], `use only one of ${opts.exclusive.join(', ')} (found ${present.join(' and ')})`);
          ok = false;
        } else if (present.length === 0 && opts.needOneOf) {
          report(path, `needs one of ${opts.exclusive.join(', ')}`);
          ok = false;
        }
      }
      return ok ? (out as ObjOf<P, R>) : BAD;
    },
    schema(defs) {
      const properties: Record<string, JsonSchema> = {};
      for (const [k, p] of Object.entries(props)) properties[k] = p.schema(defs);
      const s: JsonSchema = { type: 'object', description: opts.description, properties, additionalProperties: false };
      if (required.length) s['required'] = [...required];
      if (opts.exclusive) {
        // "at most one" / "exactly one" of the exclusive keys, in plain draft-07.
        const each = opts.exclusive.map((k) => ({ required: [k] }));
        s[opts.needOneOf ? 'oneOf' : 'not'] = opts.needOneOf ? each : { anyOf: pairs(opts.exclusive).map(([a, b]) => ({ required: [a, b] })) };
      }
      return s;
    },
  };
}

function pairs(keys: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  keys.forEach((a, i) => keys.slice(i + 1).forEach((b) => out.push([a, b])));
  return out;
}

/** Alternatives told apart by a cheap test (their `accepts`), tried in order. */
export function union<S extends Shape<unknown>[]>(shapes: S, description: string, pick?: (v: Value) => S[number] | undefined): Shape<Infer<S[number]>> {
  const expected = shapes.map((s) => s.expected).join(' or ');
  return {
    expected,
    accepts: (v) => shapes.some((s) => s.accepts(v)),
    read(v, path, report) {
      const s = pick ? pick(v) : shapes.find((x) => x.accepts(v));
      if (!s) {
        report(path, `expected ${expected}, found ${show(v)}`);
        return BAD;
      }
      return s.read(v, path, report) as Infer<S[number]> | typeof BAD;
    },
    schema: (defs) => ({ description, anyOf: shapes.map((s) => s.schema(defs)) }),
  };
}

/** A shape printed once under `definitions/<name>` and referenced from every use. */
export function named<T>(name: string, shape: Shape<T>): Shape<T> {
  return {
    ...shape,
    schema(defs) {
      if (!(name in defs)) {
        defs[name] = {};
        defs[name] = shape.schema(defs);
      }
      return { $ref: `#/definitions/${name}` };
    },
  };
}

/** A value described elsewhere (the pipeline schema): checked by `accepts` only, printed as a $ref. */
export function external<T>(name: string, expected: string, accepts: (v: Value) => boolean, description: string): Shape<T> {
  return { ...leaf<T>(expected, {}, accepts), schema: () => ({ description, $ref: `#/definitions/${name}` }) };
}

/** The JSON Schema of a root shape, with its named definitions. */
export function schemaOf(root: Shape<unknown>, head: JsonSchema, extraDefs: Record<string, JsonSchema> = {}): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const body = root.schema(defs);
  return { ...head, ...body, definitions: { ...defs, ...extraDefs } };
}
