/**
 * Reading relaxed Extended JSON values for the output panel's table, sort and exports: a path
 * lookup, one-line text ($date as its ISO string, $oid as its hex), and an order between values
 * of different types (BSON's comparison order). Pure: runs in the webview and under node:test.
 */

/** A plain object that is not a one-key `$`-wrapper such as `{ $date: ... }`. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  return wrapperKey(v as Record<string, unknown>) === undefined;
}

function wrapperKey(o: Record<string, unknown>): string | undefined {
  let first: string | undefined;
  for (const k in o) {
    if (first !== undefined) return undefined;
    first = k;
  }
  return first !== undefined && first.startsWith('$') ? first : undefined;
}

/** `a.b.c` inside a document; undefined when a step is missing or not an object. */
export function valueAt(doc: unknown, path: string): unknown {
  let v = doc;
  let from = 0;
  for (;;) {
    if (v === null || typeof v !== 'object') return undefined;
    const dot = path.indexOf('.', from);
    const key = dot < 0 ? path.slice(from) : path.slice(from, dot);
    v = (v as Record<string, unknown>)[key];
    if (dot < 0) return v;
    from = dot + 1;
  }
}

/** Milliseconds of a `{ $date }` value (ISO string, number or `{ $numberLong }`), else undefined. */
export function dateMillis(v: unknown): number | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const d = (v as Record<string, unknown>)['$date'];
  if (typeof d === 'string') {
    const t = Date.parse(d);
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof d === 'number') return d;
  if (d !== null && typeof d === 'object' && typeof (d as Record<string, unknown>)['$numberLong'] === 'string') return Number((d as Record<string, string>)['$numberLong']);
  return undefined;
}

/** A number, or a `$numberLong` / `$numberDouble` / `$numberDecimal` / `$numberInt` wrapper, as a JS number. */
export function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const k = wrapperKey(o);
  if (k === '$numberLong' || k === '$numberDouble' || k === '$numberDecimal' || k === '$numberInt') {
    const n = Number(o[k]);
    return Number.isNaN(n) && o[k] !== 'NaN' ? undefined : n;
  }
  return undefined;
}

/** The text of a value in a table cell or a CSV field: no quotes around strings, wrappers unwrapped. */
export function valueText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  const k = Array.isArray(v) ? undefined : wrapperKey(o);
  if (k === '$date') {
    const t = dateMillis(v);
    return t === undefined ? JSON.stringify(v) : new Date(t).toISOString();
  }
  if (k === '$oid' && typeof o[k] === 'string') return o[k] as string;
  const n = numeric(v);
  if (n !== undefined) return String(o[k!]);
  return JSON.stringify(v);
}

/** BSON's order between types: null, numbers, strings, objects, arrays, ObjectId, booleans, dates. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (numeric(v) !== undefined) return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 6;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'object') {
    const k = wrapperKey(v as Record<string, unknown>);
    if (k === '$oid') return 5;
    if (k === '$date') return 7;
    return 3;
  }
  return 8;
}

/** A total order for sorting a column: by type rank first, then by value within a type. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return numeric(a)! - numeric(b)!;
    case 2:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 6:
      return Number(a) - Number(b);
    case 7:
      return (dateMillis(a) ?? 0) - (dateMillis(b) ?? 0);
    default: {
      const ta = valueText(a);
      const tb = valueText(b);
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    }
  }
}
