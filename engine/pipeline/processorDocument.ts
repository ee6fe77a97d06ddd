/**
 * A processor document as plain JSON in the two shapes Atlas takes: the Admin API
 * `StreamsProcessor` body (`tier` and `failoverEnabled` at the top, also the Atlas UI's Upload
 * File and `atlas api streams createStreamProcessor --file`) and mongosh's `{name, pipeline,
 * options}` with `options.tier` / `options.failover`. Moving between them, dropping ASP Studio's
 * own keys, and importing an Admin API GET reply all read the field table (processorFields.ts).
 * Key order is kept: Atlas keeps the order it receives, and pipelines depend on it.
 */
import { fieldAt, fieldsUnder, isLocalOnly, PROCESSOR_FIELDS, type Placement, type ProcessorField } from './processorFields';

export type ExportFormat = 'admin-api' | 'mongosh';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['admin-api', 'mongosh'];

export type JsonDoc = Record<string, unknown>;

const isObject = (v: unknown): v is JsonDoc => v !== null && typeof v === 'object' && !Array.isArray(v);

function get(doc: JsonDoc, path: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const k of path) cur = isObject(cur) ? cur[k] : undefined;
  return cur;
}

/** Set `path` in `doc`, appending new keys at the end of their object (existing keys keep their place). */
function put(doc: JsonDoc, path: readonly string[], value: unknown): void {
  let cur = doc;
  for (const k of path.slice(0, -1)) {
    if (!isObject(cur[k])) cur[k] = {};
    cur = cur[k] as JsonDoc;
  }
  cur[path[path.length - 1]!] = value;
}

function remove(doc: JsonDoc, path: readonly string[]): void {
  const parent = get(doc, path.slice(0, -1));
  if (isObject(parent)) delete parent[path[path.length - 1]!];
}

/** A deep copy that keeps key order, without the keys only ASP Studio reads. */
function copyWithoutLocal(v: unknown, path: readonly string[]): unknown {
  if (Array.isArray(v)) return v.map((x) => structuredClone(x));
  if (!isObject(v)) return v;
  const out: JsonDoc = {};
  for (const [k, x] of Object.entries(v)) {
    const f = fieldAt([...path, k]);
    if (f && isLocalOnly(f)) continue;
    // Inside the pipeline (and any value the table does not describe) everything is copied as is.
    out[k] = f && f.type === 'object' ? copyWithoutLocal(x, f.path) : structuredClone(x);
  }
  return out;
}

const has = (f: ProcessorField, p: Placement): boolean => f.placements.includes(p);

/** The processor document in `format`: plain JSON, ASP Studio's keys dropped, each setting at that format's placement. */
export function exportDocument(doc: JsonDoc, format: ExportFormat): JsonDoc {
  const out = copyWithoutLocal(doc, []) as JsonDoc;
  // Aliases to the Admin API placement first, so both formats start from one shape.
  for (const f of PROCESSOR_FIELDS) {
    if (!f.aliasOf || has(f, 'admin-api')) continue;
    const v = get(out, f.path);
    if (v === undefined) continue;
    remove(out, f.path);
    const target = f.aliasOf.sub ? [...f.aliasOf.path, f.aliasOf.sub] : f.aliasOf.path;
    if (get(out, target) === undefined) put(out, target, v);
  }
  if (format === 'mongosh') {
    for (const alias of PROCESSOR_FIELDS) {
      if (!alias.aliasOf || alias.aliasOf.sub || !has(alias, 'mongosh')) continue;
      const canonical = fieldAt(alias.aliasOf.path);
      const v = get(out, alias.aliasOf.path);
      if (!canonical || has(canonical, 'mongosh') || v === undefined) continue;
      remove(out, alias.aliasOf.path);
      put(out, alias.path, v);
    }
  }
  // Options that only held aliases now hold nothing; keep an empty object only when the input had one.
  const o = out['options'];
  const given = doc['options'];
  if (isObject(o) && Object.keys(o).length === 0 && !(isObject(given) && Object.keys(given).length === 0)) delete out['options'];
  return out;
}

/** A processor name from a file name: `orders.asp.json` -> `orders`. */
export function nameFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.asp\.json$|\.json$/i, '').replace(/[^A-Za-z0-9._-]/g, '_') || 'processor';
}

/**
 * A parsed `.asp.json` (a bare pipeline or a processor document, plain JSON) as the Admin API
 * create body, named after the file when it has no name (the body needs one). The name goes first.
 */
export function createBody(raw: unknown, file?: string): JsonDoc {
  const doc = exportDocument(Array.isArray(raw) ? { pipeline: raw } : isObject(raw) ? raw : {}, 'admin-api');
  if (typeof doc['name'] === 'string' && doc['name'] !== '') return doc;
  const out: JsonDoc = { name: nameFromFileName(file ?? 'processor') };
  for (const [k, v] of Object.entries(doc)) if (k !== 'name') out[k] = v;
  return out;
}

/** What an import dropped, for a warning: read-only fields are expected, anything else is named. */
export interface ImportResult {
  doc: JsonDoc;
  /** Fields the reply had that no create body takes (besides the known read-only ones). */
  unknown: string[];
}

/** Read-only fields of `StreamsProcessorWithStats` (Admin API GET) and of the wire's processor info. */
const READ_ONLY = new Set(['_id', 'id', 'state', 'stats', 'links', 'effectiveTier', 'eligibleForFailover', 'activeRegion', 'errorMsg', 'errorCode', 'errorRetryable', 'lastModified', 'lastModifiedAt', 'lastStateChange', 'lastHeartbeat', 'modifiedBy', 'hasStarted', 'pipelineVersion', 'ok']);

/**
 * A copy of `v` in which the double wrappers the parse tree gives integral numbers written with
 * a fraction (`10.0` -> `{"$numberDouble": "10.0"}`, docs/architecture.md "Numbers") are plain
 * numbers again, so they print as `10`.
 */
function integralDoublesAsNumbers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(integralDoublesAsNumbers);
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && typeof v['$numberDouble'] === 'string') {
    const n = Number(v['$numberDouble']);
    if (Number.isSafeInteger(n) && !Object.is(n, -0)) return n;
  }
  const out: JsonDoc = {};
  for (const k of keys) out[k] = integralDoublesAsNumbers(v[k]);
  return out;
}

/**
 * An Admin API GET reply (`_id`, `state`, `stats`, `links`, `effectiveTier` ...) as the create
 * body it came from: the writable fields, in the reply's order. Atlas returns every number as a
 * double (`10.0`); the file gets the integers it was given (`10`).
 */
export function importGetReply(reply: JsonDoc): ImportResult {
  const unknown: string[] = [];
  const keep = (v: JsonDoc, parent: readonly string[]): JsonDoc => {
    const out: JsonDoc = {};
    for (const [k, x] of Object.entries(v)) {
      const f = fieldAt([...parent, k]);
      if (!f || isLocalOnly(f)) {
        if (!(parent.length === 0 && READ_ONLY.has(k))) unknown.push([...parent, k].join('.'));
        continue;
      }
      out[k] = f.type === 'object' && fieldsUnder(f.path).length > 0 && isObject(x) ? keep(x, f.path) : integralDoublesAsNumbers(x);
    }
    return out;
  };
  return { doc: exportDocument(keep(reply, []), 'admin-api'), unknown };
}

/** Pretty JSON with a final newline, as `asp export` / `import` / `pull` write it. */
export function formatDocument(doc: JsonDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
