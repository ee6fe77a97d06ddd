/**
 * The filter of listStreamProcessors / listStreamConnections: equality on (dotted) paths plus
 * $regex, $in, $ne, $exists — the forms the Atlas docs show. State names compare without case,
 * so Atlas's `{state: "running"}` finds STARTED processors too.
 */
import type { Doc, Value } from '../core/types';
import { equals } from '../bson/compare';

const STATE_ALIASES: Record<string, string> = { running: 'STARTED', started: 'STARTED', stopped: 'STOPPED', created: 'CREATED', failed: 'FAILED', error: 'FAILED' };

function at(doc: Value, path: string): Value {
  let v = doc;
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Doc)[p];
  }
  return v;
}

function norm(path: string, v: Value): Value {
  return path === 'state' && typeof v === 'string' ? (STATE_ALIASES[v.toLowerCase()] ?? v) : v;
}

/** Extended JSON turns `{$regex, $options}` into a BSONRegExp before the filter sees it. */
function asRegExp(cond: Value): RegExp | undefined {
  if (cond instanceof RegExp) return cond;
  const r = cond as { _bsontype?: string; pattern?: string; options?: string } | null;
  if (r && typeof r === 'object' && r._bsontype === 'BSONRegExp') return new RegExp(r.pattern ?? '', (r.options ?? '').replace(/[^imsu]/g, ''));
  return undefined;
}

function test(path: string, found: Value, cond: Value): boolean {
  const re = asRegExp(cond);
  if (re) return typeof found === 'string' && re.test(found);
  if (cond !== null && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && Object.keys(cond).some((k) => k.startsWith('$'))) {
    const c = cond as Doc;
    return Object.keys(c).every((op) => {
      const arg = c[op];
      switch (op) {
        case '$regex':
          return typeof found === 'string' && new RegExp(String(arg), typeof c['$options'] === 'string' ? c['$options'] : '').test(found);
        case '$options':
          return true;
        case '$in':
          return Array.isArray(arg) && arg.some((a) => equals(found, norm(path, a)));
        case '$ne':
          return !equals(found, norm(path, arg));
        case '$exists':
          return (found !== undefined) === Boolean(arg);
        case '$eq':
          return equals(found, norm(path, arg));
        default:
          return false;
      }
    });
  }
  return found !== undefined && equals(found, norm(path, cond));
}

export function matchesFilter(doc: Doc, filter: Doc | undefined): boolean {
  if (!filter) return true;
  return Object.keys(filter).every((path) => test(path, at(doc, path), filter[path]));
}
