/**
 * Compiles aggregation expressions into closures. Field paths are split once; operators are
 * resolved by name once; evaluation is plain function calls.
 * https://www.mongodb.com/docs/manual/meta/aggregation-quick-reference/#expressions
 */
import type { Clock } from '../core/clock';
import type { Diagnostic, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { pathGetter } from './fieldPath';
import type { Compiler, EvalCtx, Expr, ExprOperator } from './types';
import { exprRegistry } from './registry';
import { metaDocument } from '../core/meta';
import { newGrowth } from './_shared/memory';
import { LAZY, NOT_FOLDABLE, constantExpr, failureOf, fold, isConstant, markConstant, markFailing, stageOf } from './fold';

/** Variables ASP does not support (asp-spec §1.3). */
const UNSUPPORTED_VARS = new Set(['NOW', 'CLUSTER_TIME', 'USER_ROLES', 'SEARCH_META']);

export interface CompileOptions {
  inWindow?: boolean;
  operators?: ReadonlyMap<string, ExprOperator>;
}

export class ExprCompiler implements Compiler {
  readonly diagnostics: Diagnostic[] = [];
  private scopes: Map<string, number>[] = [];
  private nextSlot = 0;
  readonly inWindow: boolean;
  private readonly ops: ReadonlyMap<string, ExprOperator>;
  /** Closures compiled as direct arguments of the operator call being compiled (null: none). */
  private args: Expr[] | null = null;

  constructor(opts: CompileOptions = {}) {
    this.inWindow = opts.inWindow ?? false;
    this.ops = opts.operators ?? exprRegistry;
  }

  /** Number of variable slots an EvalCtx needs for everything compiled so far. */
  get slotCount(): number {
    return this.nextSlot;
  }

  operator(name: string): ExprOperator | undefined {
    return this.ops.get(name);
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  error(path: JsonPath, message: string, code: Diagnostic['code'] = 'ASP401'): Expr {
    this.report({ code, message, severity: 'error', path });
    return nullExpr;
  }

  withVars<T>(names: string[], fn: (slots: number[]) => T): T {
    const scope = new Map<string, number>();
    const slots = names.map((n) => {
      const s = this.nextSlot++;
      scope.set(n, s);
      return s;
    });
    this.scopes.push(scope);
    try {
      return fn(slots);
    } finally {
      this.scopes.pop();
    }
  }

  expr(spec: Value, path: JsonPath): Expr {
    const outer = this.args;
    this.args = null;
    const f = this.anyExpr(spec, path);
    this.args = outer;
    if (outer) {
      outer.push(f);
      return f;
    }
    // Outside any operator: a constant that always fails is reported now.
    const d = failureOf(f);
    if (!d) return f;
    this.report(d);
    return nullExpr;
  }

  private anyExpr(spec: Value, path: JsonPath): Expr {
    if (typeof spec === 'string') return this.stringExpr(spec, path);
    if (Array.isArray(spec)) {
      const items = this.collect(() => spec.map((s, i) => this.expr(s, [...path, i])));
      const f: Expr = (ctx) => items.map((f) => {
        const v = f(ctx);
        return v === undefined ? null : v;
      });
      return this.container(f, items);
    }
    if (isPlainObject(spec)) return this.objectExpr(spec, path);
    return constantExpr(spec);
  }

  private stringExpr(s: string, path: JsonPath): Expr {
    if (s.length === 0 || s[0] !== '$') return constantExpr(s);
    if (s.startsWith('$$')) return this.variable(s.slice(2), path);
    const p = s.slice(1);
    if (p.length === 0 || p.split('.').some((x) => x.length === 0)) {
      return this.error(path, `'${s}' is not a valid field path`, 'ASP402');
    }
    const get = pathGetter(p);
    return (ctx) => get(ctx.current);
  }

  private variable(ref: string, path: JsonPath): Expr {
    const dot = ref.indexOf('.');
    const name = dot < 0 ? ref : ref.slice(0, dot);
    const rest = dot < 0 ? undefined : pathGetter(ref.slice(dot + 1));
    const wrap = (base: Expr): Expr => (rest ? (ctx) => rest(base(ctx)) : base);
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const slot = this.scopes[i]!.get(name);
      if (slot !== undefined) return wrap((ctx) => ctx.vars[slot]);
    }
    switch (name) {
      case 'ROOT':
        return wrap((ctx) => ctx.root);
      case 'CURRENT':
        return wrap((ctx) => ctx.current);
      case 'REMOVE':
        return constantExpr(undefined);
      case 'DESCEND':
      case 'PRUNE':
      case 'KEEP':
        return () => '$$' + name;
    }
    if (UNSUPPORTED_VARS.has(name)) {
      const hint = name === 'NOW' ? ' Use {$currentDate: {}} instead.' : '';
      return this.error(path, `$$${name} is not supported in Atlas Stream Processing.${hint}`, 'ASP403');
    }
    return this.error(path, `Use of undefined variable: ${name}`, 'ASP404');
  }

  private objectExpr(spec: Record<string, Value>, path: JsonPath): Expr {
    const keys = Object.keys(spec);
    if (keys.length > 0 && keys[0]!.startsWith('$')) {
      if (keys.length !== 1) {
        return this.error(path, `an expression specification must contain exactly one field, the name of the expression. Found ${keys.length} fields in ${JSON.stringify(keys)}`, 'ASP405');
      }
      const name = keys[0]!;
      const op = this.ops.get(name);
      if (!op) {
        this.report({ code: 'ASP406', message: `Unrecognized expression '${name}'`, severity: 'error', path: [...path, name], target: 'key', data: { name } });
        return nullExpr;
      }
      return this.call(op, spec[name], [...path, name]);
    }
    const fields: [string, Expr][] = [];
    for (const k of keys) {
      if (k.startsWith('$')) {
        this.report({ code: 'ASP407', message: `FieldPath field names may not start with '$'. Consider using $getField or $setField.`, severity: 'error', path: [...path, k], target: 'key' });
        continue;
      }
      if (k.includes('.')) {
        this.report({ code: 'ASP407', message: `FieldPath field names may not contain '.'. Consider using $getField or $setField.`, severity: 'error', path: [...path, k], target: 'key' });
        continue;
      }
      fields.push([k, this.collect(() => this.expr(spec[k], [...path, k]))[0]!]);
    }
    const f: Expr = (ctx) => {
      const out: Record<string, Value> = {};
      for (const [k, f] of fields) {
        const v = f(ctx);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
    return this.container(f, fields.map(([, x]) => x));
  }

  /** The closures `fn` compiles through expr(), as arguments of an enclosing call would be. */
  private collect<T>(fn: () => T): Expr[] {
    const outer = this.args;
    const mine: Expr[] = [];
    this.args = mine;
    try {
      fn();
    } finally {
      this.args = outer;
    }
    return mine;
  }

  /** A literal array or document evaluates every item: constant if they are, failing if one is. */
  private container(f: Expr, items: readonly Expr[]): Expr {
    if (!items.every(isConstant)) return f;
    for (const x of items) {
      const d = failureOf(x);
      if (d) return markFailing(f, d);
    }
    return markConstant(f);
  }

  /**
   * Compile one operator call. When every expression it compiled is constant and it is
   * deterministic, it is evaluated now (engine/expr/fold.ts): an error is ASP411, a value folds.
   */
  private call(op: ExprOperator, arg: Value, path: JsonPath): Expr {
    const before = this.diagnostics.length;
    let f: Expr = nullExpr;
    const args = this.collect(() => {
      f = op.compile(arg, this, path);
    });
    if (this.diagnostics.length !== before) return f;
    const dynamic = !args.every(isConstant) || NOT_FOLDABLE.has(op.name);
    if (!dynamic) return fold(f, op.name, path, this.nextSlot, stageOf(path, (n) => this.ops.has(n)), args);
    // A document-dependent call: an argument that always fails is reported, unless this
    // operator may skip it.
    if (LAZY.has(op.name)) return f;
    let failed = false;
    for (const x of args) {
      const d = failureOf(x);
      if (d) {
        this.report(d);
        failed = true;
      }
    }
    return failed ? nullExpr : f;
  }
}

export const nullExpr: Expr = () => null;

/** A fresh evaluation context for a compiled set of expressions. */
export function newEvalCtx(slotCount: number, clock: Clock): EvalCtx {
  return { current: undefined, root: undefined, vars: new Array(slotCount), meta: undefined, clock, growth: newGrowth() };
}

/** Convenience for tests and one-off evaluation: compile and evaluate against a document. */
export function evaluate(spec: Value, doc: Value, clock: Clock = { now: () => Date.now() }): { value?: Value; diagnostics: Diagnostic[] } {
  const c = new ExprCompiler();
  const f = c.expr(spec, []);
  if (c.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: c.diagnostics };
  const ctx = newEvalCtx(c.slotCount, clock);
  ctx.current = doc;
  ctx.root = doc;
  return { value: f(ctx), diagnostics: c.diagnostics };
}

export { metaDocument };
