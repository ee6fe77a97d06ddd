/**
 * One call that turns `.asp.json` text into everything the CLI and the editor need: the parse
 * tree, located diagnostics, the processor definition and the parsed stages.
 */
import type { JsonNode } from '../json/tree';
import { lineStartsOf, locate, lineCol, parseJsonText, toEngineValue } from '../json/tree';
import type { Diagnostic, Doc, JsonPath, LocatedDiagnostic, Value } from '../core/types';
import { isPlainObject, isClusterLikeName, parseProcessorOptions, type ProcessorOptions } from './processorOptions';
import type { ConnectionRegistry } from '../connections/types';
import type { ParsedStage } from '../parse/types';
import { validatePipeline, type ValidatedPipeline } from './validate';
import { checkShape } from './processorSettings';

export interface ProcessorDef {
  name?: string;
  pipeline: Value[];
  options: ProcessorOptions;
}

export interface Analysis {
  tree: JsonNode | undefined;
  diagnostics: LocatedDiagnostic[];
  form: 'array' | 'processor' | undefined;
  /** Where the pipeline array is: [] for a bare array, ['pipeline'] in a processor document. */
  pipelinePath: JsonPath;
  /** Top-level parsed stages (inner pipelines hang off their window stage's config). */
  stages: ParsedStage[];
  processor?: ProcessorDef;
  validated?: ValidatedPipeline;
  hasErrors: boolean;
}

export interface AnalyzeOptions {
  connections: ConnectionRegistry;
  file?: string;
  /** 'processor' makes a missing sink an error (create); default 'either' (by the file's form, see ValidateOptions). */
  mode?: 'processor' | 'preview' | 'either';
}

export function analyzeText(text: string, opts: AnalyzeOptions): Analysis {
  const parsed = parseJsonText(text);
  const starts = lineStartsOf(text);
  const located: LocatedDiagnostic[] = parsed.syntax.map((d, i) => {
    const r = parsed.syntaxRanges[i]!;
    return { ...d, offset: r.offset, length: r.length, ...lineCol(starts, r.offset) };
  });
  const base: Analysis = { tree: parsed.tree, diagnostics: located, form: undefined, pipelinePath: [], stages: [], hasErrors: true };
  // Semantic checks on a tree with syntax errors would report phantom problems; wait for valid JSON.
  if (!parsed.tree || parsed.syntax.length > 0) {
    if (located.length === 0) located.push({ code: 'ASP101', message: 'Empty file: expected a pipeline array or a processor document', severity: 'error', path: [], offset: 0, length: 0, line: 1, col: 1 });
    return base;
  }
  const diags: Diagnostic[] = [];
  const value = toEngineValue(parsed.value);
  let pipeline: Value;
  let options: ProcessorOptions = {};
  let name: string | undefined;
  if (Array.isArray(value)) {
    base.form = 'array';
    pipeline = value;
  } else if (isPlainObject(value)) {
    base.form = 'processor';
    base.pipelinePath = ['pipeline'];
    checkShape(value, [], diags);
    if (value['name'] !== undefined) {
      if (typeof value['name'] !== 'string' || value['name'].length === 0) diags.push({ code: 'ASP104', message: `Invalid processor name: ${JSON.stringify(value['name'])}`, severity: 'error', path: ['name'] });
      else name = value['name'];
    }
    pipeline = value['pipeline'];
    if (pipeline === undefined) diags.push({ code: 'ASP105', message: 'A processor document needs a "pipeline" array', severity: 'error', path: [] });
    options = parseProcessorOptions(value['options'], ['options'], opts.connections, diags, value);
  } else {
    located.push(locate(parsed.tree, text, { code: 'ASP102', message: 'Expected a pipeline array or a processor document {name, pipeline, options}', severity: 'error', path: [] }, starts));
    return base;
  }
  let validated: ValidatedPipeline | undefined;
  if (pipeline !== undefined) {
    // A bare array is a preview (DLQ records print inline), so `validationAction: dlq` is fine there.
    const hasDlq = base.form === 'array' || options.dlq !== undefined;
    validated = validatePipeline(pipeline, base.pipelinePath, { connections: opts.connections, hasDlq, mode: opts.mode ?? 'either', form: base.form });
    diags.push(...validated.diagnostics);
    base.stages = validated.stages;
  }
  for (const d of diags) located.push(locate(parsed.tree, text, d, starts));
  located.sort((a, b) => a.offset - b.offset);
  return {
    ...base,
    diagnostics: located,
    processor: Array.isArray(pipeline) ? { name, pipeline: pipeline as Doc[], options } : undefined,
    validated,
    hasErrors: located.some((d) => d.severity === 'error'),
  };
}

export { isClusterLikeName };
