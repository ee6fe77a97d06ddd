/**
 * processStreamProcessor (sp.process): a preview run that is never persisted. Output and DLQ
 * records stream to the caller as asp/output notifications (batched) and fill a cursor for
 * getMoreSampleStreamProcessor; asp/runEnded closes it.
 */
import { EJSON } from 'bson';
import type { Clock } from '../core/clock';
import type { ConnectionRegistry } from '../connections/types';
import type { Services } from '../io/types';
import type { Doc, Value } from '../core/types';
import { errorMessage } from '../core/errors';
import { fromEJSON } from '../json/ejson';
import { PipelineRun, type RunEnd } from '../pipeline/run';
import * as P from '../../shared/protocol';
import { compileProcessor } from './compile';
import { SampleCursor } from './cursor';
import { CommandError } from './errors';
import { debugProbe, type StageProbe } from './stageProbe';
import { RunRecorder, type RunRecording } from './recording';
import type { ValidatedPipeline } from '../pipeline/validate';
import type { SourceConfig } from '../stages/source';

export interface EphemeralSink {
  output(p: P.OutputParams): void;
  ended(p: P.RunEndedParams): void;
}

interface Live {
  run: PipelineRun;
  /** Debug runs: per-stage capture for asp/getStageTrace. */
  probe?: StageProbe;
  cursor: SampleCursor;
  pipeline: Value[];
  started: string;
  counts: { input: number; output: number; dlq: number };
}

const FLUSH_MS = 50;
const FLUSH_DOCS = 500;
const END_REASON: Record<RunEnd, P.RunEndReason> = { endOfInput: 'drained', limit: 'limit', timeout: 'timeout', stopped: 'stopped' };
/** Recordings kept for "Save as test": the last runs that asked for one. */
const KEEP_RECORDINGS = 8;
const MAX_RECORDED = 10_000;

/** The same pipeline, its `$source` recording what it delivers. */
function recordingSource(v: ValidatedPipeline, recorder: RunRecorder): ValidatedPipeline {
  const src = v.stages[0]!;
  const sc = src.config as SourceConfig;
  return { ...v, stages: [{ ...src, config: { flavour: recorder.wrap(sc.flavour), config: sc.config } satisfies SourceConfig }, ...v.stages.slice(1)] };
}

export class EphemeralRuns {
  private readonly live = new Map<string, Live>();
  private readonly recordings = new Map<string, { recording: RunRecording; reason: P.RunEndReason }>();
  private seq = 0;

  constructor(private readonly env: { clock: Clock; registry(): ConnectionRegistry; services(): Services }) {}

  has(name: string): boolean {
    return this.live.has(name);
  }

  start(params: P.ProcessParams, sink: EphemeralSink): P.ProcessReply {
    const name = params.name ?? `preview-${++this.seq}`;
    if (this.live.has(name)) throw new CommandError(`Stream processor '${name}' already exists`, P.AspErrorCodes.Exists);
    const controls = params.run ?? {};
    let pipeline = fromEJSON(params.pipeline) as Value[];
    const options = (fromEJSON(params.options ?? {}) ?? {}) as Record<string, Value>;
    const last = pipeline[pipeline.length - 1] as Doc | undefined;
    // Capture mode previews what would be written: the sink stage is left out.
    if ((controls.sinks ?? 'capture') === 'capture' && last && ('$merge' in last || '$emit' in last)) pipeline = pipeline.slice(0, -1);
    const compiled = compileProcessor(name, pipeline, options, this.env.registry(), 'preview');
    const maxDocs = controls.maxDocs ?? 1000;
    const stream = controls.stream ?? true;
    const cursor = new SampleCursor(maxDocs, this.env.clock.now(), () => undefined);
    let batch: P.EJsonDoc[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (batch.length === 0) return;
      const docs = batch;
      batch = [];
      sink.output({ name, docs });
    };
    const emit = (m: P.EJsonDoc): void => {
      if (!stream) return;
      batch.push(m);
      if (batch.length >= FLUSH_DOCS) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    };
    const counts = { input: 0, output: 0, dlq: 0 };
    const probe = controls.debug
      ? debugProbe(compiled.validated, () => this.env.clock.now(), { perStage: controls.debug.perStage, metaField: compiled.def.options.streamMetaFieldName ?? '_stream_meta', processorName: name })
      : undefined;
    const recorder = controls.record ? new RunRecorder(Math.max(1, Math.floor(controls.record.maxEvents ?? MAX_RECORDED)), this.env.clock) : undefined;
    const validated = recorder ? recordingSource(compiled.validated, recorder) : compiled.validated;
    const run: PipelineRun = new PipelineRun(compiled.def, validated, {
      probe,
      connections: this.env.registry(),
      clock: this.env.clock,
      timeoutMs: controls.maxMs ?? 60_000,
      drain: controls.drain ?? true,
      processorName: name,
      ephemeral: true,
      services: this.env.services(),
      onOutput: (d) => {
        recorder?.output(d);
        cursor.output(d);
        emit(EJSON.serialize(d, { relaxed: true }) as P.EJsonDoc);
        if (++counts.output + counts.dlq >= maxDocs) run.stop();
      },
      onSinkOutput: (d) => {
        cursor.output(d);
        emit(EJSON.serialize(d, { relaxed: true }) as P.EJsonDoc);
      },
      onDlq: (r) => {
        recorder?.dlq(r);
        cursor.dlq(r);
        emit({ [P.DLQ_MESSAGE_KEY]: EJSON.serialize(r, { relaxed: true }) });
        if (counts.output + ++counts.dlq >= maxDocs) run.stop();
      },
    });
    this.live.set(name, { run, probe, cursor, pipeline, started: new Date(this.env.clock.now()).toISOString(), counts });
    const finish = (reason: P.RunEndReason, error?: string): void => {
      flush();
      cursor.close();
      counts.input = run.stats.inputMessageCount;
      if (recorder) this.keepRecording(name, recorder.finish(run.stats.inputMessageCount, reason === 'drained'), reason);
      const ev: P.RunEndedParams = { name, reason, counts: { ...counts } };
      if (error) ev.error = error;
      sink.ended(ev);
      // The cursor stays readable until drained; the run itself is gone.
      setTimeout(() => this.live.delete(name), 60_000).unref();
    };
    run.run().then(
      (end) => finish(counts.output + counts.dlq >= maxDocs ? 'limit' : END_REASON[end]),
      (e: unknown) => finish('failed', errorMessage(e)),
    );
    return { ok: 1, name, cursorId: cursor.id };
  }

  private keepRecording(name: string, recording: RunRecording, reason: P.RunEndReason): void {
    this.recordings.delete(name);
    this.recordings.set(name, { recording, reason });
    for (const old of this.recordings.keys()) {
      if (this.recordings.size <= KEEP_RECORDINGS) break;
      this.recordings.delete(old);
    }
  }

  /** The recording of an ended run that asked for one (`run.record`), while it is among the last few. */
  recording(name: string): { recording: RunRecording; reason: P.RunEndReason } | undefined {
    return this.recordings.get(name);
  }

  stop(name: string): boolean {
    const l = this.live.get(name);
    if (!l) return false;
    l.run.stop();
    return true;
  }

  drop(name: string): boolean {
    const l = this.live.get(name);
    if (!l) return false;
    l.run.stop();
    this.live.delete(name);
    return true;
  }

  getMore(name: string, cursorId: number, batchSize: number): P.GetMoreReply | undefined {
    const l = this.live.get(name);
    if (!l) return undefined;
    if (l.cursor.id !== cursorId) return { ok: 1, messages: [], cursorId: 0 };
    return { ok: 1, ...l.cursor.getMore(batchSize, this.env.clock.now()) };
  }

  list(): P.ProcessorInfo[] {
    return [...this.live].map(([name, l]) => ({
      id: name,
      name,
      pipeline: EJSON.serialize({ p: l.pipeline }, { relaxed: true })['p'] as P.EJson[],
      state: 'STARTED',
      lastStateChange: l.started,
      ephemeral: true,
      counts: { ...l.counts, input: l.run.stats.inputMessageCount },
    }));
  }

  /** The stage trace of a debug run (while it runs and for a minute after it ended). */
  trace(name: string): { name: string; stages: P.StageTrace[] } | undefined {
    const l = this.live.get(name);
    if (!l?.probe) return undefined;
    return { name, stages: l.probe.runTraces(l.run.stats) };
  }

  stopAll(): void {
    for (const l of this.live.values()) l.run.stop();
  }
}
