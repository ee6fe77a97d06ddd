/**
 * Running a user pipeline against documents at run time, for $merge's whenMatched pipeline
 * and $lookup's let/pipeline form on the embedded store. Variables (`$$new`, `let`) are bound
 * by substituting their values into the pipeline as literal expressions, then the pipeline is
 * parsed and built with the engine's own stages. Costly per call, so only used where a server
 * would otherwise run the pipeline.
 */
import type { Doc, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { EngineError, ExprError } from '../core/errors';
import type { ParseContext } from '../parse/types';
import type { InnerPipeline, StageRuntime } from '../io/types';

/** An expression that evaluates to `v` (object and array expressions rebuild it). */
export function toExprLiteral(v: Value): Value {
  if (typeof v === 'string') return v.startsWith('$') ? { $literal: v } : v;
  if (Array.isArray(v)) return v.map(toExprLiteral);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const [k, x] of Object.entries(v)) o[k] = toExprLiteral(x);
    return o;
  }
  return v === undefined ? null : v;
}

/** Replace `$$name` and `$$name.path` references by the bound values. */
export function substituteVars(v: Value, vars: Map<string, Value>): Value {
  if (typeof v === 'string' && v.startsWith('$$')) {
    const ref = v.slice(2);
    const dot = ref.indexOf('.');
    const name = dot < 0 ? ref : ref.slice(0, dot);
    if (!vars.has(name)) return v;
    let x = vars.get(name);
    if (dot >= 0) for (const p of ref.slice(dot + 1).split('.')) x = isPlainObject(x) ? x[p] : undefined;
    return toExprLiteral(x);
  }
  if (Array.isArray(v)) return v.map((x) => substituteVars(x, vars));
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const [k, x] of Object.entries(v)) o[k] = substituteVars(x, vars);
    return o;
  }
  return v;
}

/** Capture what run-time parsing needs: the stage's ParseContext and path. */
export function innerPipeline(ctx: ParseContext, path: JsonPath): (rt: StageRuntime) => InnerPipeline {
  return (rt) => ({
    run(stages, vars, input, meta) {
      // Compile errors land on the pipeline's shared compiler: take back the ones we caused.
      const diags = (ctx.compiler as unknown as { diagnostics?: { severity: string; message: string }[] }).diagnostics;
      const before = diags?.length ?? 0;
      const problems: string[] = [];
      const parsed = ctx.parsePipeline(substituteVars(stages, vars), path, 'window');
      if (diags) for (const d of diags.splice(before)) if (d.severity === 'error') problems.push(d.message);
      if (problems.length || parsed.some((p) => p.config === undefined)) throw new ExprError(problems[0] ?? 'invalid pipeline');
      const out: Doc[] = [];
      const emit = (d: Doc): void => void out.push(d);
      // The chain builder arrives with the runtime (engine/pipeline/chain.ts sets it), so this
      // stage helper never imports the pipeline layer above it.
      if (!rt.buildChain) throw new EngineError('an inner pipeline needs the runtime\'s chain builder', 'internal', 'ASP_NO_CHAIN');
      const chain = rt.buildChain(parsed, emit);
      for (const d of input) chain.push(d, meta);
      chain.flush?.();
      return out;
    },
  });
}
