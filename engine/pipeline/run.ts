/**
 * One run of a pipeline: source -> compiled stages -> (window) -> sink or preview output.
 * The CLI's `asp run`, previews and persistent processors all use this loop; processors add
 * checkpoints through the batch-boundary hook, where source position and operator state agree.
 */
import { documentLimitError } from '../bson/docSize';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { Meta } from '../core/meta';
import { metaDocument } from '../core/meta';
import type { Doc, LocatedDiagnostic, Value } from '../core/types';
import type { ConnectionRegistry } from '../connections/types';
import type { DlqInput, Operator, StateTable } from '../core/operator';
import type { ParsedStage } from '../parse/types';
import type { Services, StageRuntime } from '../io/types';
import type { SourceConfig } from '../stages/source';
import { END_OF_INPUT, type Source } from '../core/source';
import { WatermarkTracker } from '../time/watermark';
import { abortableSleep } from '../time/sleep';
import { buildChain, type ChainProbe } from './chain';
import { renderDlqRecord } from './dlqRecord';
import { analyzeText, type ProcessorDef } from './analyze';
import { builtinRegistry } from '../connectors/catalog/registry';
import type { ValidatedPipeline } from './validate';
import { mentionsField } from '../parse/args';
import { EngineError } from '../core/errors';

/** DLQ operator names of the sinks, for documents refused before they reach them. */
const SINK_OPERATORS: Record<string, string> = { $merge: 'MergeOperator', $emit: 'EmitOperator' };

export interface RunOptions {
  connections: ConnectionRegistry;
  clock?: Clock;
  /** Stop after this many documents reached the output (or the sink). */
  limit?: number;
  /** Stop after this much wall time. */
  timeoutMs?: number;
  /** At the end of a finite source, advance the watermark past every window and fire (default true). */
  drain?: boolean;
  processorName?: string;
  processorId?: string;
  ephemeral?: boolean;
  /** Project `_stream_meta` into output documents (asp-spec §4.2: default on). */
  projectStreamMeta?: boolean;
  sample?: { rate?: number; seed?: number };
  /** I/O services for connectors (created by a composition root with createServices()). */
  services?: Services;
  /** A document reached the end of a pipeline without a sink (preview), or a `__testLog` sink. */
  onOutput?(doc: Doc): void;
  /** A rendered DLQ record (asp-spec §6). */
  onDlq?(rec: Doc): void;
  /** Called between batches, when a consistent snapshot can be taken. */
  onBatch?(run: PipelineRun): Promise<void> | void;
  /** The source is connected and at its start (or restored position), before the first read. */
  onOpen?(run: PipelineRun): Promise<void> | void;
  /** A document handed to the pipeline's sink (processor sample cursors, latency). */
  onSinkOutput?(doc: Doc, meta: Meta): void;
  /** Per-stage observation of the stages between `$source` and the sink (index 0 = pipeline[1]). */
  probe?: ChainProbe;
  signal?: AbortSignal;
}

export interface RunStats {
  inputMessageCount: number;
  inputMessageSize: number;
  outputMessageCount: number;
  dlqMessageCount: number;
  watermark: number;
}

export type RunEnd = 'endOfInput' | 'limit' | 'timeout' | 'stopped';

export interface Snapshot {
  position: Value;
  tables: Record<string, Value>;
  watermark: number;
}

export class PipelineRun {
  readonly stats: RunStats = { inputMessageCount: 0, inputMessageSize: 0, outputMessageCount: 0, dlqMessageCount: 0, watermark: -Infinity };
  private readonly abort = new AbortController();
  private readonly clock: Clock;
  private readonly metaField: string;
  private readonly materializeMeta: boolean;
  private source!: Source;
  private chain!: Operator;
  private tracker?: WatermarkTracker;
  private ended: RunEnd | undefined;

  constructor(def: ProcessorDef, private readonly v: ValidatedPipeline, private readonly opts: RunOptions) {
    this.clock = opts.clock ?? systemClock;
    const project = opts.projectStreamMeta ?? true;
    this.metaField = project ? (def.options.streamMetaFieldName ?? '_stream_meta') : '';
    // If the pipeline reads or removes the metadata field, materialise it right after $source
    // (asp-spec §4.2); otherwise it is added where documents leave the pipeline.
    this.materializeMeta = this.metaField !== '' && def.pipeline.slice(1).some((s) => mentionsField(s, this.metaField));
    opts.signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  /**
   * The caller's output limit is reached: stop after the current document, not at the end of its
   * batch, so a run asked for N documents reads no more input than it needed for them.
   */
  limitReached(): void {
    this.finish('limit');
  }

  /** Stop reading; run() resolves after in-flight writes drain. */
  stop(): void {
    this.ended ??= 'stopped';
    this.abort.abort();
  }

  private dlq = (input: DlqInput): void => {
    this.stats.dlqMessageCount++;
    this.opts.onDlq?.(renderDlqRecord(input, { metaField: this.metaField, processorName: this.opts.processorName ?? 'preview', now: this.clock.now() }));
  };

  private project(doc: Doc, meta: Meta): Doc {
    if (this.metaField && !this.materializeMeta && doc[this.metaField] === undefined) doc[this.metaField] = metaDocument(meta);
    return doc;
  }

  private build(): void {
    refuseAtlasOnly(this.v);
    const stages = this.v.stages;
    const src = stages[0];
    if (!src || src.name !== '$source' || src.config === undefined) throw new EngineError('the pipeline has no valid $source', 'internal');
    const sc = src.config as SourceConfig;
    this.source = sc.flavour.create(sc.config, {
      clock: this.clock,
      services: this.opts.services,
      processorName: this.opts.processorName ?? 'preview',
      processorId: this.opts.processorId ?? 'preview',
      ephemeral: this.opts.ephemeral ?? true,
      sample: this.opts.sample,
      slotCount: this.v.compiler.slotCount,
    });
    const rt: StageRuntime = {
      clock: this.clock,
      slotCount: this.v.compiler.slotCount,
      dlq: this.dlq,
      processorName: this.opts.processorName ?? 'preview',
      services: this.opts.services,
      buildChain: (inner, n, late) => buildChain(inner, rt, n, undefined, late),
    };
    const last = stages[stages.length - 1]!;
    const isSink = stages.length > 1 && last.spec.kind === 'sink';
    const middle: ParsedStage[] = stages.slice(1, isSink ? -1 : undefined);
    let terminal: (doc: Doc, meta: Meta) => void;
    // A sink that writes to the run's own output (`__testLog`) delivers documents as output.
    if (isSink && !(last.config !== undefined && last.spec.toRunOutput?.(last.config))) {
      if (!last.spec.create || last.config === undefined) throw new EngineError(`${last.name} cannot run on the local engine`, 'internal', 'ASP_UNSUPPORTED', last.name);
      const sink = last.spec.create(last.config, rt, () => undefined);
      this.sinkOp = sink;
      const sinkOperator = SINK_OPERATORS[last.name] ?? 'SinkOperator';
      terminal = (doc, meta) => {
        const out = this.project(doc, meta);
        if (this.tooLarge(out, meta, sinkOperator)) return;
        this.stats.outputMessageCount++;
        this.opts.onSinkOutput?.(out, meta);
        sink.push(out, meta);
        if (this.opts.limit !== undefined && this.stats.outputMessageCount >= this.opts.limit) this.finish('limit');
      };
    } else {
      terminal = (doc, meta) => {
        if (this.ended === 'limit') return;
        const out = this.project(doc, meta);
        if (this.tooLarge(out, meta, 'NoOpSinkOperator')) return;
        this.stats.outputMessageCount++;
        this.opts.onOutput?.(out);
        if (this.opts.limit !== undefined && this.stats.outputMessageCount >= this.opts.limit) this.finish('limit');
      };
    }
    this.chain = buildChain(middle, rt, terminal, this.opts.probe);
    if (this.v.hasWindow) this.tracker = new WatermarkTracker();
  }

  private sinkOp: Operator | undefined;

  /**
   * A document that cannot become BSON (over 16 MB, nested past 200 levels) goes to the DLQ
   * instead of the sink, as MongoDB refuses it when it serialises the output.
   */
  private tooLarge(doc: Doc, meta: Meta, operatorName: string): boolean {
    const err = documentLimitError(doc);
    if (err === undefined) return false;
    this.dlq({ operatorName, reason: `Failed to process input document in ${operatorName} with error: ${err}`, doc, meta });
    return true;
  }

  private finish(how: RunEnd): void {
    this.ended ??= how;
    this.abort.abort();
  }

  /**
   * Source position plus every operator's tables; valid between batches (onBatch). `take` lets
   * checkpoints stream big tables instead of copying them.
   */
  snapshot(take: (t: StateTable) => Value = (t) => t.snapshot()): Snapshot {
    const tables: Record<string, Value> = {};
    this.allTables().forEach((t, i) => (tables[`${i}:${t.name}`] = take(t)));
    return { position: this.source.position(), tables, watermark: this.tracker?.current() ?? -Infinity };
  }

  /** Restore a snapshot taken by snapshot(); call after build (start) and before reading. */
  private pendingRestore: Snapshot | undefined;
  restoreFrom(s: Snapshot): void {
    this.pendingRestore = s;
  }

  stateSize(): number {
    return this.allTables().reduce((n, t) => n + t.size(), 0);
  }

  private allTables() {
    return [...(this.chain.tables?.() ?? []), ...(this.sinkOp?.tables?.() ?? [])];
  }

  /** A checkpoint holding `position` (a snapshot's) is durable: sources may commit it externally. */
  async checkpointed(position: Value): Promise<void> {
    await this.source?.commit?.(position);
  }

  sourceStats(): Record<string, Value> {
    return this.source?.stats?.() ?? {};
  }

  /** The open windows' oldest and newest start times (ms), if a window holds any. */
  openWindowStartTimes(): { min: number; max: number } | undefined {
    return this.chain?.openWindowStartTimes?.();
  }

  /** The sink's targetStats (one per collection or topic written to); none for previews. */
  sinkTargetStats(): Record<string, Value>[] | undefined {
    return this.sinkOp?.targetStats?.();
  }

  /** The source's fields of verbose operatorStats[0] (initialSync progress, targetStats). */
  sourceOperatorStats(): Record<string, Value> {
    return this.source?.operatorStats?.() ?? {};
  }

  /** Run until the input ends (and drains), the limit or timeout is reached, or stop(). */
  async run(): Promise<RunEnd> {
    this.build();
    const signal = this.abort.signal;
    const timer = this.opts.timeoutMs !== undefined ? setTimeout(() => this.finish('timeout'), this.opts.timeoutMs) : undefined;
    try {
      await this.source.connect(signal);
      if (this.pendingRestore) {
        const s = this.pendingRestore;
        this.source.seek(s.position);
        this.allTables().forEach((t, i) => {
          const data = s.tables[`${i}:${t.name}`];
          if (data !== undefined) t.restore(data);
        });
      }
      await this.opts.onOpen?.(this);
      await this.loop(signal);
      await this.chain.drain?.();
      await this.sinkOp?.drain?.();
      await this.source.commit?.();
      await this.opts.onBatch?.(this);
    } finally {
      if (timer) clearTimeout(timer);
      await this.chain.close?.();
      await this.sinkOp?.close?.();
      await this.source.close();
    }
    return this.ended ?? 'endOfInput';
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const chain = this.chain;
    const tracker = this.tracker;
    const drain = this.opts.drain ?? true;
    while (!signal.aborted) {
      const batch = await this.source.read(signal);
      if (batch === END_OF_INPUT) {
        if (drain) {
          chain.flush?.();
          this.ended ??= 'endOfInput';
          return;
        }
        // Atlas keeps an exhausted documents source idle until stopped (asp-spec §2.3).
        await abortableSleep(200, signal);
        chain.tick?.(this.clock.now());
        // A window closed by the tick may feed an async stage: settle it before a checkpoint.
        await chain.drain?.();
        await this.opts.onBatch?.(this);
        continue;
      }
      for (const rec of batch.records) {
        this.stats.inputMessageCount++;
        this.stats.inputMessageSize += rec.size ?? 0;
        if (rec.dlq) {
          this.dlq(rec.dlq);
          continue;
        }
        const doc = rec.doc!;
        if (this.materializeMeta) doc[this.metaField] = metaDocument(rec.meta);
        chain.push(doc, rec.meta);
        if (tracker) {
          tracker.observe(rec.input ?? '', rec.meta.ts);
          chain.watermark?.(tracker.current());
        }
        // A stop finishes the batch, so the position after it is a consistent checkpoint.
        if (signal.aborted && this.ended !== 'stopped') break;
      }
      if (tracker) {
        const now = this.clock.now();
        const idleInputs = this.source.idleInputs?.(now);
        if (idleInputs) for (const i of idleInputs) tracker.setIdle(i, true);
        this.stats.watermark = tracker.current();
        chain.watermark?.(this.stats.watermark);
      }
      chain.tick?.(this.clock.now());
      await chain.drain?.();
      const sink = this.sinkOp;
      // A sink with writes in flight is waited for only where offsets become durable: here
      // when the source commits after each batch, else at checkpoints (settleSinks).
      if (sink?.dispatch && !this.source.commitsEachBatch) await sink.dispatch();
      else await sink?.drain?.();
      await this.source.commit?.();
      await this.opts.onBatch?.(this);
    }
  }

  /**
   * Resolves once the sink acknowledged everything handed to it so far: checkpoints await it
   * after the cut and before the save, ahead of the DLQ (a failed write may dead-letter).
   */
  async settleSinks(): Promise<void> {
    if (this.sinkOp?.dispatch) await this.sinkOp.drain?.();
  }
}

/** Analyze and run `.asp.json` text to completion, collecting output and DLQ records (tests, previews). */
/**
 * A pipeline with an Atlas-only stage or operator (ASP390: `$https`, `$function`, ...) is
 * refused before it starts, naming the stage, instead of failing on its first document.
 */
function refuseAtlasOnly(v: ValidatedPipeline): void {
  const d = v.diagnostics.find((x) => x.code === 'ASP390');
  if (!d) return;
  // The stage is the `$name` key right after a pipeline index in the diagnostic's path.
  let stage: string | undefined;
  let index: number | undefined;
  d.path.forEach((seg, i) => {
    const prev = d.path[i - 1];
    if (typeof seg === 'string' && seg.startsWith('$') && typeof prev === 'number') {
      stage = seg;
      index = prev;
    }
  });
  const where = stage === undefined ? '' : ` (stage ${index} of its pipeline, ${stage})`;
  throw new EngineError(`This pipeline cannot run on the local engine${where}: ${d.message}`, 'user', 'ASP_ATLAS_ONLY', stage);
}

export async function runPipelineText(
  text: string,
  opts: Partial<RunOptions> & { file?: string } = {},
): Promise<{ docs: Doc[]; dlq: Doc[]; diagnostics: LocatedDiagnostic[]; end?: RunEnd }> {
  const connections = opts.connections ?? builtinRegistry();
  const a = analyzeText(text, { connections, file: opts.file });
  const docs: Doc[] = [];
  const dlq: Doc[] = [];
  if (a.hasErrors || !a.processor || !a.validated) return { docs, dlq, diagnostics: a.diagnostics };
  const run = new PipelineRun(a.processor, a.validated, {
    ...opts,
    connections,
    onOutput: (d) => { docs.push(d); opts.onOutput?.(d); },
    onDlq: (r) => { dlq.push(r); opts.onDlq?.(r); },
  });
  const end = await run.run();
  return { docs, dlq, diagnostics: a.diagnostics, end };
}
