/**
 * What the language-model tools return, and when they must ask first, free of VS Code so
 * node:test covers them: the risks of a preview run (real sinks, live sources, stages that call
 * out), and a preview's per-stage samples and diagnostics as one bounded JSON text.
 */
import type { DlqRecord, EJsonDoc, RunEndedParams, StageTrace } from '../../shared/protocol';

export interface Diag {
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
}

/** A tool result the model reads: kept under this many characters. */
export const MAX_RESULT_CHARS = 24_000;

type Stage = Record<string, Record<string, unknown> | undefined>;

function connectionOf(v: unknown): string | undefined {
  const c = (v as { connectionName?: unknown } | undefined)?.connectionName;
  return typeof c === 'string' ? c : undefined;
}

function sinkTarget(stage: Stage): string | undefined {
  const merge = stage['$merge'];
  if (merge) {
    const into = merge['into'] as { connectionName?: string; db?: string; coll?: string } | undefined;
    return `$merge writes into ${into?.db ?? '?'}.${into?.coll ?? '?'} of connection '${into?.connectionName ?? '?'}'`;
  }
  const emit = stage['$emit'];
  if (emit) return `$emit writes to ${typeof emit['topic'] === 'string' ? `topic '${emit['topic']}' of ` : ''}connection '${connectionOf(emit) ?? '?'}'`;
  return undefined;
}

/** Stages that reach a server even when the sink is captured. */
const CALLS_OUT: Record<string, string> = { $https: 'calls an HTTPS endpoint', $externalFunction: 'calls an external function', $lookup: 'reads from a cluster' };

/**
 * What a preview run would touch outside this machine's capture: each is a reason to ask the
 * user first. Sample sources and inline documents touch nothing.
 */
export function runRisks(pipeline: unknown[], realSinks: boolean): string[] {
  const risks: string[] = [];
  const stages = pipeline.filter((s): s is Stage => typeof s === 'object' && s !== null && !Array.isArray(s));
  const source = stages[0]?.['$source'];
  const from = connectionOf(source);
  if (from && !from.startsWith('sample_stream')) risks.push(`$source reads from connection '${from}'`);
  const visit = (list: Stage[]): void => {
    for (const s of list) {
      for (const [op, arg] of Object.entries(s)) {
        const via = connectionOf(arg) ?? connectionOf((arg as { from?: unknown } | undefined)?.['from']);
        if (CALLS_OUT[op] && via && via !== 'local') risks.push(`${op} ${CALLS_OUT[op]} (connection '${via}')`);
        const inner = (arg as { pipeline?: unknown } | undefined)?.pipeline;
        if (/Window$/.test(op) && Array.isArray(inner)) visit(inner as Stage[]);
      }
    }
  };
  visit(stages.slice(1));
  const last = stages[stages.length - 1];
  const sink = last && stages.length > 1 ? sinkTarget(last) : undefined;
  if (realSinks && sink) risks.push(sink);
  return risks;
}

export interface PreviewReport {
  pipeline: string;
  diagnostics: Diag[];
  run?: { reason: string; error?: string; counts: RunEndedParams['counts']; sinks: string };
  stages?: { index: number; innerIndex?: number; stage: string; in: number; out: number; dropped: number; dlq: number; emitted: EJsonDoc[]; droppedSamples: EJsonDoc[]; dlqRecords: DlqRecord[] }[];
  /** Set when samples were cut to keep the result small. */
  samplesCut?: string;
}

/** The preview as JSON text, with fewer samples per stage until it fits. */
export function previewText(o: { pipeline: string; diagnostics: Diag[]; ended?: RunEndedParams; sinks: string; trace?: StageTrace[] }, max = MAX_RESULT_CHARS): string {
  const report = (perStage: number): PreviewReport => {
    const r: PreviewReport = { pipeline: o.pipeline, diagnostics: o.diagnostics };
    if (o.ended) r.run = { reason: o.ended.reason, ...(o.ended.error ? { error: o.ended.error } : {}), counts: o.ended.counts, sinks: o.sinks };
    if (o.trace) {
      r.stages = o.trace.map((s) => ({
        index: s.index,
        ...(s.innerIndex !== undefined ? { innerIndex: s.innerIndex } : {}),
        stage: s.stage,
        in: s.inCount,
        out: s.outCount,
        dropped: s.droppedCount,
        dlq: s.dlqCount,
        emitted: s.emitted.slice(0, perStage),
        droppedSamples: s.dropped.slice(0, perStage),
        dlqRecords: s.dlq.slice(0, perStage),
      }));
    }
    return r;
  };
  const most = Math.max(0, ...(o.trace ?? []).map((s) => Math.max(s.emitted.length, s.dropped.length, s.dlq.length)));
  for (let per = most; per >= 0; per = per > 1 ? Math.floor(per / 2) : per - 1) {
    const r = report(per);
    if (per < most) r.samplesCut = `at most ${per} sample document${per === 1 ? '' : 's'} per stage, to keep this result short`;
    const text = JSON.stringify(r, null, 1);
    if (text.length <= max || per === 0) return text;
  }
  return JSON.stringify(report(0));
}

export function diagnosticsText(file: string, diagnostics: Diag[]): string {
  if (diagnostics.length === 0) return `${file}: no problems found.`;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const lines = diagnostics.map((d) => `${file}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`);
  return `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} other.\n${lines.join('\n')}`;
}
