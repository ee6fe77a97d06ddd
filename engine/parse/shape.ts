/**
 * Document shapes for field-path completion: what fields a stage's documents have, and of what
 * type, as far as can be told without running the pipeline. Stages declare their
 * `outputShape` with these; the language server walks them.
 */

export interface Shape {
  /** 'object' | 'array' | 'string' | 'int' | 'long' | 'double' | 'decimal' | 'number' | 'bool' | 'date' | 'null' | 'objectId' | 'binData' | 'any', or several joined by '|'. */
  t: string;
  fields?: Map<string, Shape>;
  items?: Shape;
  /** True when the documents may hold fields we do not know (a Kafka topic, a change stream). */
  open?: boolean;
}

export const ANY: Shape = { t: 'any' };

export function obj(fields: Record<string, Shape> = {}, open = false): Shape {
  return { t: 'object', fields: new Map(Object.entries(fields)), open };
}

export function scalar(t: string): Shape {
  return { t };
}

export function arr(items: Shape): Shape {
  return { t: 'array', items };
}

const EJSON_TYPES: Record<string, string> = {
  $date: 'date', $oid: 'objectId', $numberLong: 'long', $numberInt: 'int', $numberDouble: 'double',
  $numberDecimal: 'decimal', $binary: 'binData', $uuid: 'binData', $timestamp: 'timestamp', $regularExpression: 'regex',
};

/** Shape of a literal JSON value (Extended JSON wrappers understood). */
export function shapeOfValue(v: unknown, depth = 0): Shape {
  if (v === null) return scalar('null');
  if (typeof v === 'string') return scalar('string');
  if (typeof v === 'boolean') return scalar('bool');
  if (typeof v === 'number') return scalar(Number.isInteger(v) ? 'int' : 'double');
  if (Array.isArray(v)) {
    let items: Shape | undefined;
    for (const x of v.slice(0, 20)) items = items ? merge(items, shapeOfValue(x, depth + 1)) : shapeOfValue(x, depth + 1);
    return arr(items ?? ANY);
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    if (keys.length === 1 && EJSON_TYPES[keys[0]!]) return scalar(EJSON_TYPES[keys[0]!]!);
    if (depth > 8) return obj({}, true);
    const fields = new Map<string, Shape>();
    for (const [k, x] of Object.entries(v as object)) fields.set(k, shapeOfValue(x, depth + 1));
    return { t: 'object', fields };
  }
  return ANY;
}

/** Union of two shapes: objects merge their fields, differing scalars list both types. */
export function merge(a: Shape, b: Shape): Shape {
  if (a.t === 'object' && b.t === 'object') {
    const fields = new Map(a.fields);
    for (const [k, s] of b.fields ?? []) {
      const cur = fields.get(k);
      fields.set(k, cur ? merge(cur, s) : s);
    }
    return { t: 'object', fields, open: a.open || b.open };
  }
  if (a.t === 'array' && b.t === 'array') return arr(merge(a.items ?? ANY, b.items ?? ANY));
  if (a.t === b.t) return a;
  if (a.t === 'any') return b;
  if (b.t === 'any') return a;
  const ts = new Set([...a.t.split('|'), ...b.t.split('|')]);
  const out: Shape = { t: [...ts].join('|') };
  if (a.fields || b.fields) out.fields = (a.fields ?? b.fields)!;
  return out;
}

/** Shape at a dotted path (arrays are traversed, as MongoDB field paths do). */
export function lookup(s: Shape | undefined, path: string): Shape | undefined {
  let cur = s;
  for (const part of path.split('.')) {
    if (!cur) return undefined;
    while (cur.t === 'array' && cur.items) cur = cur.items;
    const next: Shape | undefined = cur.fields?.get(part);
    if (!next) return cur.open || cur.t === 'any' ? ANY : undefined;
    cur = next;
  }
  return cur;
}

/** Copy of `s` with `path` set to `v` (creating objects on the way). */
export function setPath(s: Shape, path: string, v: Shape): Shape {
  const [head, ...rest] = path.split('.');
  const fields = new Map(s.t === 'object' ? s.fields : undefined);
  const out: Shape = { t: 'object', fields, open: s.open };
  if (!head) return out;
  fields.set(head, rest.length === 0 ? v : setPath(fields.get(head) ?? obj(), rest.join('.'), v));
  return out;
}

/** A copy of an object shape's top level, to mutate with setIn/removeIn. */
export function cloneTop(s: Shape): Shape {
  return { t: 'object', fields: new Map(s.t === 'object' ? s.fields : undefined), open: s.open };
}

/** Set `path` in `root` (a shape this caller owns), copying nested objects on the way. */
export function setIn(root: Shape, path: string, v: Shape): void {
  const dot = path.indexOf('.');
  const fields = root.fields ?? (root.fields = new Map());
  if (dot < 0) {
    fields.set(path, v);
    return;
  }
  const head = path.slice(0, dot);
  if (!head) return;
  const child = cloneTop(fields.get(head) ?? obj());
  setIn(child, path.slice(dot + 1), v);
  fields.set(head, child);
}

export function removeIn(root: Shape, path: string): void {
  const dot = path.indexOf('.');
  const fields = root.fields;
  if (!fields) return;
  if (dot < 0) {
    fields.delete(path);
    return;
  }
  const head = path.slice(0, dot);
  const cur = fields.get(head);
  if (!cur || cur.t !== 'object') return;
  const child = cloneTop(cur);
  removeIn(child, path.slice(dot + 1));
  fields.set(head, child);
}

export function removePath(s: Shape, path: string): Shape {
  if (s.t !== 'object' || !s.fields) return s;
  const [head, ...rest] = path.split('.');
  if (!head || !s.fields.has(head)) return s;
  const fields = new Map(s.fields);
  if (rest.length === 0) fields.delete(head);
  else fields.set(head, removePath(fields.get(head)!, rest.join('.')));
  return { t: 'object', fields, open: s.open };
}

export interface FieldInfo {
  path: string;
  type: string;
}

/** Every dotted path of a shape, parents before children, bounded in depth and count. */
export function pathsOf(s: Shape | undefined, max = 500): FieldInfo[] {
  const out: FieldInfo[] = [];
  const walk = (cur: Shape, prefix: string, depth: number): void => {
    let base = cur;
    while (base.t === 'array' && base.items) base = base.items;
    for (const [k, v] of base.fields ?? []) {
      if (out.length >= max) return;
      const p = prefix ? `${prefix}.${k}` : k;
      out.push({ path: p, type: describe(v) });
      if (depth < 5) walk(v, p, depth + 1);
    }
  };
  if (s) walk(s, '', 0);
  return out;
}

/** Human type name: `array<int>`, `object`, `string|null`. */
export function describe(s: Shape): string {
  if (s.t === 'array') return `array<${s.items ? describe(s.items) : 'any'}>`;
  return s.t;
}
