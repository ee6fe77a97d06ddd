/**
 * What deploying a file would change on a target: the pipeline and options of the deployed
 * processor against the file's create body. Numbers compare numerically (Atlas returns `10` as
 * `10.0`, a file may say `{"$numberLong": "10"}`); key order counts, since Atlas keeps the order
 * it was given and `$sort`, `$project` and document equality depend on it.
 */
import type { JsonDoc } from '../pipeline/processorDocument';

export interface Change {
  /** `pipeline[1].$match.a`, `options.dlq`, `tier`. */
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'order';
  from?: unknown;
  to?: unknown;
}

const isObject = (v: unknown): v is JsonDoc => v !== null && typeof v === 'object' && !Array.isArray(v);
const NUMBER_KEYS = ['$numberInt', '$numberLong', '$numberDouble', '$numberDecimal'];

/** A number, or an Extended JSON number wrapper, as a JS number; undefined for anything else. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && NUMBER_KEYS.includes(keys[0]!) && typeof v[keys[0]!] === 'string') return Number(v[keys[0]!]);
  }
  return undefined;
}

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function diffValue(a: unknown, b: unknown, path: string, out: Change[]): void {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    if (na !== nb && !(Number.isNaN(na) && Number.isNaN(nb))) out.push({ path, kind: 'changed', from: a, to: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) diffValue(a[i], b[i], join(path, i), out);
    for (let i = n; i < a.length; i++) out.push({ path: join(path, i), kind: 'removed', from: a[i] });
    for (let i = n; i < b.length; i++) out.push({ path: join(path, i), kind: 'added', to: b[i] });
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) if (!(k in b)) out.push({ path: join(path, k), kind: 'removed', from: a[k] });
    for (const k of Object.keys(b)) {
      if (!(k in a)) out.push({ path: join(path, k), kind: 'added', to: b[k] });
      else diffValue(a[k], b[k], join(path, k), out);
    }
    const common = (x: JsonDoc, y: JsonDoc): string[] => Object.keys(x).filter((k) => k in y);
    const oa = common(a, b);
    const ob = common(b, a);
    if (oa.join('\u0000') !== ob.join('\u0000')) out.push({ path: path || '(document)', kind: 'order', from: oa, to: ob });
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', from: a, to: b });
}

/**
 * Settings a file leaves out are not compared: Atlas fills them from the workspace (the default
 * tier, `_stream_meta`). The pipeline and the DLQ are compared both ways, since a DLQ the file
 * no longer has is removed on deploy.
 */
const OPTIONAL = ['tier', 'failoverEnabled', 'options.streamMetaFieldName', 'options.autoscaling'];

function pick(doc: JsonDoc, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, k) => (isObject(cur) ? cur[k] : undefined), doc);
}

/** The changes that turn `deployed` into `desired` (both create bodies in the Admin API shape). */
export function diffDocuments(deployed: JsonDoc, desired: JsonDoc): Change[] {
  const out: Change[] = [];
  diffValue(deployed['pipeline'], desired['pipeline'], 'pipeline', out);
  diffValue(pick(deployed, 'options.dlq'), pick(desired, 'options.dlq'), 'options.dlq', out);
  for (const p of OPTIONAL) {
    const want = pick(desired, p);
    if (want !== undefined) diffValue(pick(deployed, p), want, p, out);
  }
  // diffValue reports undefined -> value as a change; name it an addition (or removal) instead.
  return out.map((c) => (c.kind === 'changed' && c.from === undefined ? { path: c.path, kind: 'added', to: c.to } : c.kind === 'changed' && c.to === undefined ? { path: c.path, kind: 'removed', from: c.from } : c));
}

const show = (v: unknown): string => (JSON.stringify(v) ?? 'undefined');

/** One readable line per change: `~ path: from -> to`, `+ path: value`, `- path: value`, `↕ path: key order`. */
export function formatChanges(changes: Change[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case 'added':
        return `+ ${c.path}: ${show(c.to)}`;
      case 'removed':
        return `- ${c.path}: ${show(c.from)}`;
      case 'order':
        return `~ ${c.path}: key order ${(c.from as string[]).join(', ')} -> ${(c.to as string[]).join(', ')}`;
      default:
        return `~ ${c.path}: ${show(c.from)} -> ${show(c.to)}`;
    }
  });
}
