/**
 * Pipeline structure rules (asp-spec §1): shape, `$source` first, one sink last, placement of
 * every stage in main/window/payload pipelines, one window, unsupported stages. Stage argument
 * rules live in each stage's parse(). Everything is reported, nothing throws.
 */
import type { Diagnostic, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { ExprCompiler } from '../expr/compile';
import type { ConnectionRegistry } from '../connections/types';
import type { ParseContext, ParsedStage, StageSpec } from '../parse/types';
import { parseStageArg } from '../parse/checkFields';
import { stageRegistry, UNSUPPORTED_STAGES } from '../stages/registry';
import { didYouMean } from './suggest';
import { unreachableReason } from '../connectors/catalog/index';

export interface ValidateOptions {
  connections: ConnectionRegistry;
  hasDlq: boolean;
  /**
   * 'processor': the pipeline is being created or deployed, so a missing sink is an error.
   * 'preview': it runs as sp.process, no sink needed. 'either': an editor or `asp validate`,
   * where the file's form says what it is meant for (see `form`).
   */
  mode: 'processor' | 'preview' | 'either';
  /**
   * The file's form in 'either' mode: a bare array is a preview, so "no sink" is only an
   * Information hint; a processor document is meant to be created, so it is a warning (the
   * error comes when it is created).
   */
  form?: 'array' | 'processor';
}

export interface ValidatedPipeline {
  stages: ParsedStage[];
  diagnostics: Diagnostic[];
  compiler: ExprCompiler;
  hasWindow: boolean;
  hasSink: boolean;
}

const SINK_NAMES = '$merge or $emit';

export function validatePipeline(pipeline: Value, path: JsonPath, opts: ValidateOptions): ValidatedPipeline {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic): void => void diagnostics.push(d);
  const compiler = new ExprCompiler();
  const ctxFor = (context: 'main' | 'window' | 'payload'): ParseContext => ({
    compiler,
    connections: opts.connections,
    hasDlq: opts.hasDlq,
    context,
    report,
    parsePipeline: (stages, p, inner) => parseStages(stages, p, ctxFor(inner), report),
  });
  if (!Array.isArray(pipeline)) {
    report({ code: 'ASP102', message: 'A pipeline must be an array of stages', severity: 'error', path });
    return { stages: [], diagnostics, compiler, hasWindow: false, hasSink: false };
  }
  if (pipeline.length === 0) {
    report({ code: 'ASP201', message: 'Pipeline must have at least one stage', severity: 'error', path });
    return { stages: [], diagnostics, compiler, hasWindow: false, hasSink: false };
  }
  const stages = parseStages(pipeline, path, ctxFor('main'), report);
  // Compiler diagnostics (expressions) are collected on the shared compiler.
  const shape = checkMainShape(pipeline, path, opts, report);
  for (const d of compiler.diagnostics) diagnostics.push(d);
  return { stages, diagnostics, compiler, ...shape };
}

function stageName(stage: Value): string | undefined {
  if (!isPlainObject(stage)) return undefined;
  const keys = Object.keys(stage);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Parse each stage of a (main, window or payload) pipeline, checking placement. */
function parseStages(pipeline: Value, path: JsonPath, ctx: ParseContext, report: (d: Diagnostic) => void): ParsedStage[] {
  if (!Array.isArray(pipeline)) {
    report({ code: 'ASP102', message: 'A pipeline must be an array of stages', severity: 'error', path });
    return [];
  }
  const out: ParsedStage[] = [];
  pipeline.forEach((stage, i) => {
    const p = [...path, i];
    if (!isPlainObject(stage)) {
      report({ code: 'ASP202', message: 'A pipeline stage specification object must contain exactly one field.', severity: 'error', path: p });
      return;
    }
    const keys = Object.keys(stage);
    if (keys.length !== 1) {
      report({ code: 'ASP202', message: 'A pipeline stage specification object must contain exactly one field.', severity: 'error', path: p });
      return;
    }
    const name = keys[0]!;
    const spec = stageRegistry.get(name);
    if (!spec) {
      const known = UNSUPPORTED_STAGES.has(name) || name.startsWith('$');
      const suggestion = didYouMean(name, [...stageRegistry.keys()]);
      const hint = name === '$out' ? '. Use $merge or $emit instead.' : suggestion ? `. Did you mean ${suggestion}?` : '';
      report({ code: 'ASP204', message: `Unsupported stage: ${name}${hint}`, severity: 'error', path: [...p, name], target: 'key', data: { name, suggestion, known } });
      return;
    }
    if (!checkPlacement(spec, ctx.context, [...p, name], report)) return;
    const at = [...p, name];
    if (atlasOnlyConnection(name, stage[name], at, ctx.connections, report)) {
      out.push({ spec, name, path: at, config: undefined });
      return;
    }
    const sctx = ctx.context === 'main' && i === pipeline.length - 1 ? { ...ctx, isLast: true } : ctx;
    out.push({ spec, name, path: at, config: parseStageArg(spec, stage[name], at, sctx) });
  });
  return out;
}

/**
 * A stage that names a connection the local engine cannot reach (an Atlas-only type, a Kafka
 * mechanism only Atlas runs, a Cluster without a local uri) gets one ASP512 warning, like an
 * Atlas-only stage (ASP390), and is not parsed further: its other fields are Atlas's to check.
 * Connection names are looked for at any depth of the argument but not in inner pipelines
 * (arrays), which are parsed, and checked, as stages of their own.
 */
function atlasOnlyConnection(stage: string, arg: Value, path: JsonPath, connections: ConnectionRegistry, report: (d: Diagnostic) => void): boolean {
  const found: { name: string; path: JsonPath }[] = [];
  const walk = (v: Value, at: JsonPath): void => {
    if (!isPlainObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'connectionName' && typeof x === 'string') found.push({ name: x, path: [...at, k] });
      else walk(x, [...at, k]);
    }
  };
  walk(arg, path);
  for (const ref of found) {
    const c = connections.get(ref.name);
    const why = c ? unreachableReason(c) : undefined;
    if (!why) continue;
    report({ code: 'ASP512', message: `${stage} uses connection '${ref.name}': ${why}. The stage is checked for placement and runs on Atlas only.`, severity: 'warning', path: ref.path, data: { name: ref.name, type: c!.type } });
    return true;
  }
  return false;
}

function checkPlacement(spec: StageSpec, context: 'main' | 'window' | 'payload', path: JsonPath, report: (d: Diagnostic) => void): boolean {
  const at = { path, target: 'key' as const, severity: 'error' as const };
  if (context === 'main' && !spec.placement.main) {
    if (spec.kind === 'windowOnly') {
      report({ code: 'ASP208', message: `${spec.name} stage is only permitted in the inner pipeline of a window stage`, ...at, data: { name: spec.name } });
    } else {
      report({ code: 'ASP209', message: `${spec.name} stage is not permitted in the main pipeline`, ...at });
    }
    return false;
  }
  if (context === 'window' && !spec.placement.window) {
    report({ code: 'ASP209', message: `${spec.name} stage is not permitted in the inner pipeline of a window stage`, ...at });
    return false;
  }
  if (context === 'payload' && !spec.placement.payload) {
    report({ code: 'ASP210', message: `${spec.name} stage is not permitted in the payload (inner pipeline) of an https stage`, ...at });
    return false;
  }
  return true;
}

/** Rules about the main pipeline as a whole. */
function checkMainShape(pipeline: Value[], path: JsonPath, opts: ValidateOptions, report: (d: Diagnostic) => void): { hasWindow: boolean; hasSink: boolean } {
  const names = pipeline.map(stageName);
  const first = names[0];
  if (first !== '$source') {
    report({ code: 'ASP205', message: `First stage must be $source, found: ${first ?? JSON.stringify(pipeline[0])}`, severity: 'error', path: [...path, 0], data: { found: first } });
  }
  let windows = 0;
  let sinkAt = -1;
  let hasWindow = false;
  names.forEach((n, i) => {
    const spec = n ? stageRegistry.get(n) : undefined;
    if (i > 0 && n === '$source') {
      report({ code: 'ASP212', message: 'Only one $source stage is allowed, and it must be the first stage', severity: 'error', path: [...path, i, n], target: 'key' });
    }
    if (spec?.kind === 'window') {
      hasWindow = true;
      if (++windows > 1) report({ code: 'ASP211', message: 'Only one window stage is allowed in a pipeline.', severity: 'error', path: [...path, i, n!], target: 'key' });
    }
    if (spec?.kind === 'sink' && sinkAt < 0) sinkAt = i;
  });
  if (sinkAt >= 0 && sinkAt < names.length - 1) {
    report({ code: 'ASP207', message: `No stages are allowed after a ${SINK_NAMES} stage.`, severity: 'error', path: [...path, sinkAt + 1] });
  }
  // $https and $externalFunction may also end a processor (Atlas, since January 2026).
  const last = names[names.length - 1];
  const endsTerminal = names.length > 1 && last !== undefined && stageRegistry.get(last)?.terminal === true;
  const hasSink = sinkAt >= 0;
  if (!hasSink && !endsTerminal && opts.mode !== 'preview') report(noSink(opts, [...path, pipeline.length - 1]));
  return { hasWindow, hasSink };
}

/** ASP206 by intent: an error on create/deploy, a warning on a processor document, a hint on a preview. */
function noSink(opts: ValidateOptions, path: JsonPath): Diagnostic {
  const atlas = `The last stage in the pipeline must be ${SINK_NAMES}.`;
  if (opts.mode === 'processor') return { code: 'ASP206', message: atlas, severity: 'error', path };
  if (opts.form === 'array') {
    return { code: 'ASP206', message: `No sink: this pipeline runs as a preview (sp.process) and its output is shown. To create a processor from it, end it with ${SINK_NAMES}.`, severity: 'info', path };
  }
  return { code: 'ASP206', message: `${atlas} Without a sink the pipeline runs only as a preview (sp.process); creating the processor fails.`, severity: 'warning', path };
}
