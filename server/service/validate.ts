/**
 * Diagnostics: everything the engine's analyzer reports (the same function `asp validate`
 * calls, so codes and ranges match), plus editor-only hints such as "did you mean".
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { printParseErrorCode } from 'jsonc-parser';
import type { LocatedDiagnostic, Severity } from '../../engine/core/types';
import type { ServiceCtx } from './context';
import type { ParsedDoc } from './parseCache';
import type { AnalysisLike, AnalyzeFn } from './types';
import { didYouMean } from '../../engine/pipeline/suggest';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { errorMessage } from '../../engine/core/errors';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ValidateDeps {
  analyze: AnalyzeFn;
  /** Bumped whenever the registry changes, so cached analyses are recomputed. */
  generation: number;
  file?: string;
}

/** The engine's analysis of this version, computed at most once per registry generation. */
export function analysisOf(ctx: ServiceCtx, parsed: ParsedDoc, deps: ValidateDeps): AnalysisLike {
  return parsed.analysis(deps.generation, () => {
    try {
      return deps.analyze(parsed.text, { connections: ctx.connections(), file: deps.file });
    } catch (e) {
      // the analyzer must never throw; if it does, keep the editor usable with syntax errors only
      return { diagnostics: [], internalError: errorMessage(e) } as AnalysisLike;
    }
  });
}

export function validate(ctx: ServiceCtx, parsed: ParsedDoc, deps: ValidateDeps): Diagnostic[] {
  if (parsed.kind === 'connections') {
    const idx = ctx.connectionsFile();
    const own = idx && idx.uri === parsed.doc.uri && idx.text === parsed.text ? idx.diagnostics
      : parsed.memoize('registryDiagnostics', () => loadConnectionRegistryText(parsed.text, deps.file).diagnostics);
    return own.map((d) => toLsp(parsed, d));
  }
  const analysis = analysisOf(ctx, parsed, deps);
  const internal = (analysis as { internalError?: string }).internalError;
  if (internal !== undefined) return syntaxOnly(parsed, internal);
  return analysis.diagnostics.map((d) => toLsp(parsed, withSuggestion(ctx, d)));
}

export function toLsp(parsed: ParsedDoc, d: LocatedDiagnostic): Diagnostic {
  const doc = parsed.doc;
  const out: Diagnostic = {
    range: { start: doc.positionAt(d.offset), end: doc.positionAt(d.offset + d.length) },
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'asp',
    message: d.message,
  };
  if (d.data) out.data = d.data;
  return out;
}

/**
 * Unknown stage or operator names get the closest catalog name as a hint and quick-fix data; an
 * unknown field the engine already matched to one (FieldSpec.misnomers) gets its hint appended.
 */
function withSuggestion(ctx: ServiceCtx, d: LocatedDiagnostic): LocatedDiagnostic {
  const given = d.data?.['suggestion'];
  // The engine suggested a name (ASP204 says so itself; ASP302 keeps MongoDB's text): say it once.
  if (typeof given === 'string') return d.message.includes(given) ? d : { ...d, message: `${d.message} Did you mean '${given}'?` };
  const name = unknownName(d);
  if (!name) return d;
  const cat = ctx.catalog;
  const pool = d.code === 'ASP204' ? cat.stages.keys()
    : d.code === 'ASP420' ? cat.queryOperators.keys()
      : d.code === 'ASP406' ? cat.exprOperators.keys()
        : /accumulator/i.test(d.message) ? cat.accumulators.keys() : [...cat.exprOperators.keys(), ...cat.accumulators.keys()];
  const s = didYouMean(name, pool);
  if (!s || s === name) return d;
  const sep = /[.?!]$/.test(d.message) ? ' ' : '. ';
  return { ...d, message: `${d.message}${sep}Did you mean '${s}'?`, data: { ...d.data, name, suggestion: s } };
}

/** Engine codes for unknown names: stage (ASP204), expression (ASP406), query operator (ASP420). */
const UNKNOWN_CODES = new Set(['ASP204', 'ASP406', 'ASP420']);

function unknownName(d: LocatedDiagnostic): string | undefined {
  const fromData = d.data?.['name'];
  if (typeof fromData === 'string' && (UNKNOWN_CODES.has(d.code) || /unsupported|unknown|unrecognized/i.test(d.message))) return fromData;
  const m = /(?:Unsupported stage|Unrecognized (?:expression|pipeline stage name|query operator)|[Uu]nknown (?:stage|operator|accumulator|expression))[:\s]+'?(\$\w+)'?/.exec(d.message);
  return m?.[1];
}

function syntaxOnly(parsed: ParsedDoc, internal: string): Diagnostic[] {
  const doc = parsed.doc;
  const out: Diagnostic[] = parsed.errors.map((e) => ({
    range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + Math.max(1, e.length)) },
    severity: DiagnosticSeverity.Error,
    code: 'ASP101',
    source: 'asp',
    message: `Invalid JSON: ${printParseErrorCode(e.error)}`,
  }));
  out.push({
    range: { start: doc.positionAt(0), end: doc.positionAt(0) },
    severity: DiagnosticSeverity.Information,
    code: 'ASP001',
    source: 'asp',
    message: `The validator failed on this document (${internal}); only syntax errors are shown.`,
  });
  return out;
}
