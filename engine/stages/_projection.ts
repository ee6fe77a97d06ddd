/**
 * Projection trees for $project, $unset and $addFields/$set, compiled once per stage.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/project/
 */
import type { Doc, JsonPath, Value } from '../core/types';
import { isNumber, isPlainObject, toNumber } from '../bson/types';
import type { Compiler, EvalCtx, Expr } from '../expr/types';

type Node = { kind: 'include' } | { kind: 'exclude' } | { kind: 'expr'; expr: Expr } | { kind: 'tree'; children: Map<string, Node> };

export interface Projection {
  mode: 'inclusion' | 'exclusion';
  apply(doc: Doc, ctx: EvalCtx): Doc;
}

function isOperatorObject(v: Value): boolean {
  if (!isPlainObject(v)) return false;
  const k = Object.keys(v);
  return k.length > 0 && k[0]!.startsWith('$');
}

/** Insert `value` at dotted `key` into `tree`; returns an error message on a path collision. */
function insert(tree: Map<string, Node>, key: string, node: Node): string | undefined {
  const parts = key.split('.');
  let t = tree;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    let n = t.get(p);
    if (!n) {
      n = { kind: 'tree', children: new Map() };
      t.set(p, n);
    } else if (n.kind !== 'tree') {
      return `Invalid $project :: caused by :: Path collision at ${key}`;
    }
    t = n.children;
  }
  const last = parts[parts.length - 1]!;
  if (t.has(last)) return `Invalid $project :: caused by :: Path collision at ${key}`;
  t.set(last, node);
  return undefined;
}

/** Compile a $project specification. Reports ASP's/MongoDB's messages; never throws. */
export function compileProjection(spec: Doc, c: Compiler, path: JsonPath): Projection | undefined {
  const root = new Map<string, Node>();
  let inclusion = false;
  let exclusion = false;
  let idExcluded = false;
  let ok = true;
  const walk = (obj: Doc, tree: Map<string, Node>, p: JsonPath, prefix: string): void => {
    for (const [k, v] of Object.entries(obj)) {
      const full = prefix ? `${prefix}.${k}` : k;
      let node: Node;
      if (k.startsWith('$')) {
        c.error([...p, k], `Invalid $project :: caused by :: FieldPath field names may not start with '$'.`, 'ASP309');
        ok = false;
        continue;
      }
      // Numbers of any type are inclusion flags ({a: 1.0} from a file is a double).
      if (v === true || v === false || isNumber(v)) {
        const on = v === true || (v !== false && toNumber(v) !== 0);
        if (full === '_id') {
          if (!on) idExcluded = true;
          node = { kind: on ? 'include' : 'exclude' };
        } else {
          if (on) inclusion = true;
          else exclusion = true;
          node = { kind: on ? 'include' : 'exclude' };
        }
      } else if (isPlainObject(v) && !isOperatorObject(v)) {
        if (Object.keys(v).length === 0) {
          c.error([...p, k], `Invalid $project :: caused by :: An empty sub-projection is not a valid value. Found empty object at path`, 'ASP309');
          ok = false;
          continue;
        }
        const sub = new Map<string, Node>();
        walk(v, sub, [...p, k], '');
        node = { kind: 'tree', children: sub };
      } else {
        inclusion = true;
        node = { kind: 'expr', expr: c.expr(v, [...p, k]) };
      }
      const msg = insert(tree, k, node);
      if (msg) {
        c.error([...p, k], msg, 'ASP309');
        ok = false;
      }
    }
  };
  walk(spec, root, path, '');
  if (inclusion && exclusion) {
    c.error(path, 'Invalid $project :: caused by :: Cannot do exclusion on field in inclusion projection', 'ASP309');
    return undefined;
  }
  if (Object.keys(spec).length === 0) {
    c.error(path, 'Invalid $project :: caused by :: projection specification must have at least one field', 'ASP309');
    return undefined;
  }
  if (!ok) return undefined;
  if (!inclusion && !exclusion && !idExcluded) inclusion = true; // {_id: 1}
  if (inclusion) {
    if (!idExcluded && !root.has('_id')) root.set('_id', { kind: 'include' });
    return { mode: 'inclusion', apply: compileInclude(root) };
  }
  return { mode: 'exclusion', apply: (doc) => excludeTree(root, doc) };
}

type IncludeFn = (doc: Doc, ctx: EvalCtx) => Doc;

/** Up to this many copied fields are found by comparing keys; more use a Map. */
const SCAN_MAX = 8;

/**
 * An inclusion tree compiled once into arrays: included fields keep the input's order (one pass
 * over the document's keys), computed fields and sub-projections of absent fields follow in
 * specification order.
 */
function compileInclude(tree: Map<string, Node>): IncludeFn {
  const keys: string[] = [];
  /** Per copied key: undefined copies the value, else the sub-projection applied to it. */
  const subs: (SubProjection | undefined)[] = [];
  const tailKeys: string[] = [];
  /** Per tail key: an expression, or (undefined) the sub-projection built when the key is absent. */
  const tailExprs: (Expr | undefined)[] = [];
  const tailSubs: (IncludeFn | undefined)[] = [];
  for (const [k, n] of tree) {
    if (n.kind === 'include') {
      keys.push(k);
      subs.push(undefined);
    } else if (n.kind === 'tree') {
      const sub: SubProjection = { fn: compileInclude(n.children), withExpr: hasExpr(n.children) };
      keys.push(k);
      subs.push(sub);
      if (sub.withExpr) {
        tailKeys.push(k);
        tailExprs.push(undefined);
        tailSubs.push(sub.fn);
      }
    } else if (n.kind === 'expr') {
      tailKeys.push(k);
      tailExprs.push(n.expr);
      tailSubs.push(undefined);
    }
  }
  const nk = keys.length;
  const nt = tailKeys.length;
  const index = nk > SCAN_MAX ? new Map(keys.map((k, i) => [k, i])) : undefined;
  return (doc, ctx) => {
    const out: Doc = {};
    for (const k in doc) {
      let j = -1;
      if (index === undefined) {
        for (let i = 0; i < nk; i++) {
          if (keys[i] === k) {
            j = i;
            break;
          }
        }
      } else j = index.get(k) ?? -1;
      if (j < 0) continue;
      const sub = subs[j];
      if (sub === undefined) out[k] = doc[k];
      else {
        const v = includeValue(sub, doc[k], ctx);
        if (v !== undefined) out[k] = v;
      }
    }
    for (let i = 0; i < nt; i++) {
      const k = tailKeys[i]!;
      const e = tailExprs[i];
      if (e !== undefined) {
        const v = e(ctx);
        if (v !== undefined) out[k] = v;
      } else if (!(k in doc)) out[k] = tailSubs[i]!({}, ctx);
    }
    return out;
  };
}

interface SubProjection {
  fn: IncludeFn;
  /** The sub-tree computes fields, so it yields a document even where the input has none. */
  withExpr: boolean;
}

function includeValue(sub: SubProjection, v: Value, ctx: EvalCtx): Value {
  if (isPlainObject(v)) return sub.fn(v, ctx);
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const e of v) {
      const r = includeValue(sub, e, ctx);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  return sub.withExpr ? sub.fn({}, ctx) : undefined;
}

function hasExpr(tree: Map<string, Node>): boolean {
  for (const n of tree.values()) if (n.kind === 'expr' || (n.kind === 'tree' && hasExpr(n.children))) return true;
  return false;
}

function excludeTree(tree: Map<string, Node>, doc: Doc): Doc {
  const out: Doc = {};
  for (const k in doc) {
    const n = tree.get(k);
    if (!n) out[k] = doc[k];
    else if (n.kind === 'tree') out[k] = excludeValue(n.children, doc[k]);
    else if (n.kind === 'include') out[k] = doc[k];
  }
  return out;
}

function excludeValue(tree: Map<string, Node>, v: Value): Value {
  if (isPlainObject(v)) return excludeTree(tree, v);
  if (Array.isArray(v)) return v.map((e) => excludeValue(tree, e));
  return v;
}

/** $addFields/$set: a tree of expressions merged into the document. */
export interface FieldSetter {
  apply(doc: Doc, ctx: EvalCtx): Doc;
}

type SetNode = { expr: Expr } | { children: [string, SetNode][] };

export function compileSetter(spec: Doc, c: Compiler, path: JsonPath, stage: string): FieldSetter | undefined {
  const build = (obj: Doc, p: JsonPath): [string, SetNode][] => {
    const out: [string, SetNode][] = [];
    for (const [k, v] of Object.entries(obj)) {
      if (k.startsWith('$')) {
        c.error([...p, k], `Invalid ${stage} :: caused by :: FieldPath field names may not start with '$'.`, 'ASP309');
        continue;
      }
      let node: SetNode = isPlainObject(v) && !isOperatorObject(v) && Object.keys(v).length > 0
        ? { children: build(v, [...p, k]) }
        : { expr: c.expr(v, [...p, k]) };
      const parts = k.split('.');
      for (let i = parts.length - 1; i > 0; i--) node = { children: [[parts[i]!, node]] };
      out.push([parts[0]!, node]);
    }
    return out;
  };
  if (Object.keys(spec).length === 0) {
    c.error(path, `Invalid ${stage} :: caused by :: specification must have at least one field`, 'ASP309');
    return undefined;
  }
  const root = build(spec, path);
  // Evaluate everything against the input first, then assign: expressions see the original.
  const flat = flatten(root);
  const getters = flat.map((f) => f.expr);
  const n = getters.length;
  // A top-level field is set directly; dotted paths go through assign().
  const tops = flat.map((f) => (f.parts.length === 1 ? f.parts[0]! : undefined));
  const parts = flat.map((f) => f.parts);
  // Reused for every document (an expression cannot run this stage again), emptied after use.
  const values = new Array<Value>(n).fill(undefined);
  return {
    apply(doc, ctx) {
      for (let i = 0; i < n; i++) values[i] = getters[i]!(ctx);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        values[i] = undefined;
        const k = tops[i];
        if (k === undefined) assign(doc, parts[i]!, 0, v);
        else if (v === undefined) delete doc[k];
        else doc[k] = v;
      }
      return doc;
    },
  };
}

function flatten(nodes: [string, SetNode][], prefix: string[] = []): { parts: string[]; expr: Expr }[] {
  const out: { parts: string[]; expr: Expr }[] = [];
  for (const [k, n] of nodes) {
    if ('expr' in n) out.push({ parts: [...prefix, k], expr: n.expr });
    else out.push(...flatten(n.children, [...prefix, k]));
  }
  return out;
}

/** Assign along a path; arrays on the way get the field set in each element (MongoDB rule). */
function assign(target: Doc, parts: string[], i: number, value: Value): void {
  const k = parts[i]!;
  if (i === parts.length - 1) {
    if (value === undefined) delete target[k];
    else target[k] = value;
    return;
  }
  let next = target[k];
  if (Array.isArray(next)) {
    target[k] = next.map((e) => {
      const o: Doc = isPlainObject(e) ? e : {};
      assign(o, parts, i + 1, value);
      return o;
    });
    return;
  }
  if (!isPlainObject(next)) {
    next = {};
    target[k] = next;
  }
  assign(next as Doc, parts, i + 1, value);
}
