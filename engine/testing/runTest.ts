/**
 * Running one resolved test: the pipeline is analysed like `asp run` does (its errors fail the
 * test, located in the pipeline file or inline in the fixture), its sink is captured instead of
 * written, its `$source` is fed from the test's timeline under a manual clock, and the output
 * and DLQ records are collected. No wall-clock time is involved, so runs are repeatable.
 */
import { ManualClock } from '../core/clock';
import type { Doc, LocatedDiagnostic, Value } from '../core/types';
import { errorMessage } from '../core/errors';
import { lineCol, lineStartsOf } from '../json/tree';
import { analyzeText } from '../pipeline/analyze';
import { PipelineRun, type RunEnd } from '../pipeline/run';
import { validatePipeline } from '../pipeline/validate';
import type { SourceConfig } from '../stages/source';
import type { ConnectionRegistry } from '../connections/types';
import type { Services } from '../io/types';
import { durationMs } from '../time/duration';
import { FIXTURE_CODES } from './parse';
import type { ResolvedTest, TestProblem } from './load';
import { feedFlavour, type FeedConfig } from './source';
import { debugProbe } from '../runtime/stageProbe';
import type { StageTrace } from '../../shared/protocol';

export interface RunTestOptions {
  /**
   * Connector services, asked for only when a stage between source and sink names a connection
   * ($lookup): the caller decides where the embedded store lives and closes it.
   */
  services?: (registry: ConnectionRegistry) => Promise<{ value: Services; close(): Promise<void> }>;
  signal?: AbortSignal;
  /** Keep what each stage emitted, dropped and sent to the DLQ, as the editor's Debug does. */
  debug?: { perStage: number };
}

export interface TestRun {
  output: Doc[];
  dlq: Doc[];
  /** Problems that kept the test from running (pipeline errors, a failing run). */
  problems: TestProblem[];
  /** Warnings and hints of the pipeline, for reports. */
  notes: TestProblem[];
  end?: RunEnd;
  /** With `debug`: the per-stage trace of the run. */
  trace?: StageTrace[];
}

export async function runTest(r: ResolvedTest, opts: RunTestOptions = {}): Promise<TestRun> {
  const connections = r.registry.registry;
  const a = analyzeText(r.pipelineText, { connections, file: r.pipelineFile, mode: 'either' });
  const located = a.diagnostics.map((d) => placed(r, d));
  const regErrors = r.registry.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: r.registry.registry.source ?? 'asp.connections.json' }));
  const problems = [...regErrors, ...located.filter((d) => d.severity === 'error')];
  const notes = located.filter((d) => d.severity !== 'error');
  const out: TestRun = { output: [], dlq: [], problems, notes };
  if (problems.length || !a.processor || !a.validated) return out;

  // The sink is captured: what would be written is the test's output.
  let pipeline = a.processor.pipeline;
  if (a.validated.hasSink) pipeline = pipeline.slice(0, -1);
  const v = validatePipeline(pipeline, a.pipelinePath, { connections, hasDlq: true, mode: 'preview' });
  const vErrors = v.diagnostics.filter((d) => d.severity === 'error');
  if (vErrors.length) {
    out.problems.push(...vErrors.map((d) => ({ ...d, file: r.pipelineFile, offset: 0, length: 0, line: 1, col: 1 })));
    return out;
  }
  const src = v.stages[0]!;
  const original = src.config as SourceConfig;
  const cfg = original.config as { timeField?: unknown; tsFieldName: string; topics?: string[]; partitionIdleTimeoutMs?: number };
  const input = r.case.input;
  const clock = new ManualClock(input.start?.getTime() ?? 0);
  const stop = new AbortController();
  opts.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const feed: FeedConfig = {
    sourceType: original.flavour.type,
    time: cfg as FeedConfig['time'],
    topic: cfg.topics?.[0],
    partitionIdleTimeoutMs: input.partitionIdleTimeout ? durationMs(input.partitionIdleTimeout.size, input.partitionIdleTimeout.unit) : cfg.partitionIdleTimeoutMs,
    timeline: r.timeline,
    clock,
    onExhausted: input.drain === false ? () => stop.abort() : undefined,
  };
  const stages = [{ ...src, config: { flavour: feedFlavour, config: feed } satisfies SourceConfig }, ...v.stages.slice(1)];
  const needs = JSON.stringify(pipeline.slice(1) as Value[]).includes('"connectionName"');
  const services = needs && opts.services ? await opts.services(connections) : undefined;
  const processorName = a.processor.name ?? 'preview';
  const probe = opts.debug ? debugProbe(v, () => clock.now(), { perStage: opts.debug.perStage, metaField: a.processor.options.streamMetaFieldName ?? '_stream_meta', processorName }) : undefined;
  const run = new PipelineRun({ ...a.processor, pipeline }, { ...v, stages }, {
    probe,
    connections,
    clock,
    drain: input.drain !== false,
    processorName,
    services: services?.value,
    signal: stop.signal,
    onOutput: (d) => out.output.push(d),
    onDlq: (d) => out.dlq.push(d),
  });
  try {
    out.end = await run.run();
  } catch (e) {
    out.problems.push({ file: r.fixture.file, code: FIXTURE_CODES.run, message: `the run failed: ${errorMessage(e)}`, severity: 'error', path: [], offset: r.test.offset, length: 0, line: r.test.line, col: r.test.col });
  } finally {
    await services?.close();
  }
  if (probe) out.trace = probe.runTraces(run.stats);
  return out;
}

/** A pipeline diagnostic in the file the user sees: the pipeline file, or inline in the fixture. */
function placed(r: ResolvedTest, d: LocatedDiagnostic): TestProblem {
  if (r.inlineOffset === undefined) return { ...d, file: r.pipelineFile };
  const offset = r.inlineOffset + d.offset;
  return { ...d, offset, ...lineCol(lineStartsOf(r.fixture.text), offset), file: r.fixture.file };
}
