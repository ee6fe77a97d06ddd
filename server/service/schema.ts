/** Walks a stage's JSON Schema (the catalog's) to the object or value at an option path. */
import type { JsonSchema } from '../../engine/parse/types';

type S = JsonSchema;

function isObj(v: unknown): v is S {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Resolve local `$ref`s (`#/definitions/x`, `#/$defs/x`) against the root schema. */
function deref(s: S, root: S, depth = 0): S {
  const ref = s['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 8) return s;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = isObj(cur) ? cur[part] : undefined;
  return isObj(cur) ? deref(cur, root, depth + 1) : s;
}

/** The alternatives a schema stands for (oneOf/anyOf/allOf flattened), each dereferenced. */
export function branches(s: S | undefined, root: S): S[] {
  if (!s) return [];
  const d = deref(s, root);
  const alts = [d['oneOf'], d['anyOf'], d['allOf']].filter(Array.isArray).flat() as unknown[];
  if (alts.length === 0) return [d];
  const out: S[] = [d];
  for (const a of alts) if (isObj(a)) out.push(...branches(a, root));
  return out;
}

/** Sub-schemas at `path` (object keys; array items are stepped through transparently). */
export function schemaAt(root: S | undefined, path: string[]): S[] {
  if (!root) return [];
  let cur = branches(root, root);
  for (const key of path) {
    const next: S[] = [];
    for (const s of cur) {
      for (const t of [s, ...itemSchemas(s, root)]) {
        const p = t['properties'];
        if (isObj(p) && isObj(p[key])) next.push(...branches(p[key] as S, root));
        else if (isObj(t['additionalProperties'])) next.push(...branches(t['additionalProperties'] as S, root));
      }
    }
    cur = next;
  }
  return cur;
}

function itemSchemas(s: S, root: S): S[] {
  const items = s['items'];
  return isObj(items) ? branches(items, root) : [];
}

export interface PropInfo {
  name: string;
  schema: S;
  required: boolean;
}

/** Properties offered at an object position, merged over all branches. */
export function propertiesOf(schemas: S[], root: S): PropInfo[] {
  const out = new Map<string, PropInfo>();
  for (const s0 of schemas) {
    for (const s of [s0, ...itemSchemas(s0, root)]) {
      const p = s['properties'];
      const req = Array.isArray(s['required']) ? (s['required'] as unknown[]) : [];
      if (!isObj(p)) continue;
      for (const [name, v] of Object.entries(p)) {
        if (!isObj(v) || out.has(name)) continue;
        out.set(name, { name, schema: deref(v, root), required: req.includes(name) });
      }
    }
  }
  return [...out.values()];
}

/** Enum and const values allowed at a value position. */
export function enumValues(schemas: S[]): unknown[] {
  const out: unknown[] = [];
  for (const s of schemas) {
    if (Array.isArray(s['enum'])) out.push(...(s['enum'] as unknown[]));
    if ('const' in s) out.push(s['const']);
    if (s['type'] === 'boolean') out.push(true, false);
  }
  return [...new Set(out)];
}

export function typesOf(s: S): string[] {
  const t = s['type'];
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

export function descriptionOf(s: S): string | undefined {
  const d = s['description'] ?? s['markdownDescription'];
  return typeof d === 'string' ? d : undefined;
}
