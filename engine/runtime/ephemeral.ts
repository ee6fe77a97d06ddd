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
import { chainStagesOf, StageProbe } from './stageProbe';

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

export class EphemeralRuns {
  private readonly live = new Map<string, Live>();
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
      ? new StageProbe(chainStagesOf(compiled.validated), () => this.env.clock.now(), {
          perStage: Math.max(0, Math.min(1000, Math.floor(controls.debug.perStage))),
          metaField: compiled.def.options.streamMetaFieldName ?? '_stream_meta',
          processorName: name,
        })
      : undefined;
    const run: PipelineRun = new PipelineRun(compiled.def, compiled.validated, {
      probe,
      connections: this.env.registry(),
      clock: this.env.clock,
      timeoutMs: controls.maxMs ?? 60_000,
      drain: controls.drain ?? true,
      processorName: name,
      ephemeral: true,
      services: this.env.services(),
      onOutput: (d) => {
        cursor.output(d);
        emit(EJSON.serialize(d, { relaxed: true }) as P.EJsonDoc);
        if (++counts.output + counts.dlq >= maxDocs) run.stop();
      },
      onSinkOutput: (d) => {
        cursor.output(d);
        emit(EJSON.serialize(d, { relaxed: true }) as P.EJsonDoc);
      },
      onDlq: (r) => {
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
    const s = l.run.stats;
    const chainDlq = l.probe.dlqCount.reduce((a, b) => a + b, 0);
    return { name, stages: l.probe.traces({ name: '$source', inCount: s.inputMessageCount, dlqCount: Math.max(0, s.dlqMessageCount - chainDlq) }) };
  }

  stopAll(): void {
    for (const l of this.live.values()) l.run.stop();
  }
}
