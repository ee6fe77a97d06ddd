/**
 * One persistent processor: its definition, state, and (while STARTED) one PipelineRun with a
 * checkpoint coordinator, a DLQ sink, counters and sample cursors around it.
 */
import type { Clock } from '../core/clock';
import type { ConnectionRegistry } from '../connections/types';
import type { Services } from '../io/types';
import type { Meta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import { errorMessage } from '../core/errors';
import { PipelineRun, type RunEnd } from '../pipeline/run';
import { CheckpointCoordinator } from './checkpoint/coordinator';
import { tableSnapshot } from './checkpoint/codec';
import type { CheckpointInfo, CheckpointStore } from './checkpoint/types';
import { planRestore } from './checkpoint/restorePlan';
import { compileProcessor } from './compile';
import { SampleCursors, type SampleCursor } from './cursor';
import type { ProcessorDef } from './definitions';
import { DlqSink } from './dlq';
import { dlqCollection } from './dlqTargets';
import { badState, invalid } from './errors';
import { applyStartAt, type StartAt } from './startOptions';
import type { SourceConfig } from '../stages/source';
import { refuse, statusOf, type ProcessorState, type ProcessorStatus } from './states';
import { Counters, LatencyWindow, statsDocument } from './stats';
import { operatorStats } from './operatorStats';
import { chainStagesOf, StageProbe } from './stageProbe';
import { withCheckpointOffsets } from './sourceStats';
import { calculateObjectSize } from 'bson';
import type { LiveStats, StageTrace } from '../../shared/protocol';
import { liveStats, tracesWithSink } from './liveStats';

export interface RuntimeEnv {
  clock: Clock;
  registry(): ConnectionRegistry;
  /** Shared connector services (one Kafka/MongoDB client per connection, the local store). */
  services(): Services;
  /** 0 turns periodic checkpoints off (stop still checkpoints). */
  checkpointIntervalMs: number;
  checkpointStore(def: ProcessorDef): CheckpointStore;
  log(level: 'error' | 'warn' | 'info', message: string, processor?: string): void;
  /** Definition or state changed: persist and tell clients. */
  changed(p: Processor): void;
}

export interface StartOptions {
  resumeFromCheckpoint?: boolean;
  clearCheckpoints?: boolean;
  /** Start a change-stream `$source` here instead of its configured start (start option). */
  startAt?: StartAt;
}

/** Output documents are sized one in this many (a power of two). */
const OUTPUT_SIZE_SAMPLE = 16;
/** How long stop waits for a batch boundary before stopping the run where it stands. */
const STOP_GRACE_MS = 5000;

export class Processor {
  status: ProcessorStatus;
  private run: PipelineRun | undefined;
  private runDone: Promise<void> | undefined;
  private coord: CheckpointCoordinator | undefined;
  private dlq: DlqSink | undefined;
  /** Totals carried over from the checkpoint this run resumed from. */
  private base: Record<string, number> = {};
  private readonly cursors = new SampleCursors();
  private readonly latency = new LatencyWindow();
  private stopRequested = false;
  private probe: StageProbe | undefined;
  private outputBytes = 0;
  private outputSeq = 0;
  private stopCheckpointed = false;
  /** The run resumed from a checkpoint (no start checkpoints needed). */
  private resumed = false;
  /** The source is connected and its start position durable: source stats are shown. */
  private sourceOpen = false;
  /** How this run's start used the checkpoints, when it is worth saying (stats `checkpointRestore`). */
  private restoreNote: Record<string, Value> | undefined;

  constructor(public def: ProcessorDef, private readonly env: RuntimeEnv) {
    this.status = statusOf(def.state);
  }

  get name(): string {
    return this.def.name;
  }

  get state(): ProcessorState {
    return this.def.state;
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  store(): CheckpointStore {
    return this.env.checkpointStore(this.def);
  }

  async start(opts: StartOptions = {}): Promise<void> {
    const refused = refuse('start', this.name, this.state);
    if (refused || this.run) throw badState(refused ?? `Stream processor '${this.name}' is still stopping`);
    const env = this.env;
    let compiled = compileProcessor(this.name, this.def.pipeline, this.def.options, env.registry(), 'processor');
    const store = this.store();
    const fresh = opts.clearCheckpoints ? 'clearCheckpoints: true' : opts.resumeFromCheckpoint === false ? 'resumeFromCheckpoint: false' : undefined;
    if (opts.startAt) {
      const key = Object.keys(opts.startAt)[0];
      const isChangeStream = (compiled.validated.stages[0]?.config as SourceConfig | undefined)?.flavour.type === 'atlas';
      const pipeline = applyStartAt(this.def.pipeline, opts.startAt, isChangeStream);
      if (!pipeline) throw invalid(`${key} positions a change-stream $source; the $source of '${this.name}' is not a change stream`);
      // A start position and a checkpoint are two places to start from: never pick one silently.
      if (!fresh && (await store.list()).length > 0) throw invalid(`${key} starts '${this.name}' at a position, but it has a checkpoint to resume from: add resumeFromCheckpoint: false`);
      compiled = compileProcessor(this.name, pipeline, this.def.options, env.registry(), 'processor');
    }
    if (fresh) await store.clear();
    const services = env.services();
    const dlqOpt = compiled.def.options.dlq;
    const dlq = new DlqSink({
      target: dlqOpt ? dlqCollection(services.collection(dlqOpt.connectionName, dlqOpt.db, dlqOpt.coll)) : undefined,
      onError: (e) => this.fail(e),
    });
    const probe = new StageProbe(chainStagesOf(compiled.validated), () => env.clock.now());
    this.probe = probe;
    this.outputBytes = 0;
    this.outputSeq = 0;
    const run = new PipelineRun(compiled.def, compiled.validated, {
      probe,
      connections: env.registry(),
      clock: env.clock,
      // A finite documents source idles at its end like Atlas; windows wait for more data.
      drain: false,
      processorName: this.name,
      processorId: this.def.id,
      ephemeral: false,
      services,
      onOutput: (d) => {
        this.countOutput(d);
        this.toCursors(d);
      },
      onSinkOutput: (d, m) => this.sinkOutput(d, m),
      onDlq: (r) => {
        dlq.push(r);
        this.cursors.dlq(r);
      },
      onBatch: () => this.onBatch(),
      onOpen: () => this.onOpen(),
    });
    const coord = new CheckpointCoordinator(
      store,
      {
        cut: () => {
          const s = run.snapshot(tableSnapshot);
          return { positions: { source: s.position }, tables: s.tables };
        },
        drain: () => run.settleSinks().then(() => dlq.drain()),
        counters: () => this.totals().toJSON(),
      },
      { intervalMs: env.checkpointIntervalMs, clock: env.clock },
    );
    const plan = planRestore(this.name, await coord.restore(), fresh);
    if (plan.refusal) this.refuseStart(plan.refusal);
    for (const l of plan.log) env.log(l.level, l.message, this.name);
    this.restoreNote = plan.note;
    const ck = plan.checkpoint;
    if (ck) {
      run.restoreFrom({ position: ck.positions['source'], tables: ck.tables, watermark: -Infinity });
      this.base = ck.stats ?? {};
    } else if (opts.clearCheckpoints) {
      this.base = {};
    }
    this.run = run;
    this.coord = coord;
    this.dlq = dlq;
    this.stopRequested = false;
    this.stopCheckpointed = false;
    this.resumed = ck !== undefined;
    this.sourceOpen = false;
    this.def.errorMsg = undefined;
    this.def.hasStarted = true;
    this.setState('STARTED', 'running');
    this.runDone = run.run().then(
      (end) => this.ended(end),
      (err: unknown) => this.fail(err),
    );
  }

  /** Start refused for a reason that is the processor's own state: FAILED, with the message. */
  private refuseStart(msg: string): never {
    this.env.log('error', msg, this.name);
    this.def.errorMsg = msg;
    this.setState('FAILED', 'error');
    throw badState(msg);
  }

  /** Checkpoint at the next batch boundary, then stop; `force` skips the stop checkpoint. Resolves once the run has closed. */
  async stop(force = false): Promise<void> {
    const refused = refuse('stop', this.name, this.state);
    if (refused) throw badState(refused);
    await this.halt(force);
    this.setState('STOPPED', 'stopped');
  }

  /** Stop the run (with its stop checkpoint unless forced) without changing the desired state: instance shutdown. */
  async halt(force = false): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.status = 'stopping';
    this.stopRequested = true;
    if (force) {
      this.stopCheckpointed = true;
      run.stop();
    }
    const grace = setTimeout(() => run.stop(), STOP_GRACE_MS);
    try {
      await this.runDone;
    } finally {
      clearTimeout(grace);
    }
    await this.coord?.settle();
    this.closeRun();
    this.status = statusOf(this.state);
  }

  private closeRun(): void {
    // The run's counters become the base, so stats survive stop and resumeFromCheckpoint: false.
    if (this.run) this.base = this.totals().toJSON();
    this.dlq = undefined;
    this.run = undefined;
    this.runDone = undefined;
    this.cursors.closeAll();
  }

  /** Pin the source's start position in a checkpoint before reading, so a crash restarts there, not at "now"; source stats appear only after it. */
  private async onOpen(): Promise<void> {
    if (!this.resumed && !this.stopRequested) {
      try {
        await this.committed(this.coord!.checkpoint('start'));
      } catch (e) {
        this.env.log('error', `start checkpoint failed: ${errorMessage(e)}`, this.name);
      }
    }
    this.sourceOpen = true;
  }

  private async onBatch(): Promise<void> {
    const coord = this.coord!;
    // DLQ records are written every batch, like $merge output (a failed write already failed us).
    await this.dlq?.drain().catch(() => undefined);
    if (this.stopRequested) {
      if (!this.stopCheckpointed) {
        this.stopCheckpointed = true;
        try {
          await this.committed(coord.checkpoint('stop'));
        } catch (e) {
          this.env.log('error', `checkpoint on stop failed: ${errorMessage(e)}`, this.name);
        }
      }
      this.run?.stop();
      return;
    }
    if (coord.due()) this.background(this.committed(coord.checkpoint('interval')));
  }

  /** Once a checkpoint is durable, let the source commit its position (Kafka group offsets). */
  private async committed(p: Promise<CheckpointInfo>): Promise<void> {
    const run = this.run;
    const info = await p;
    const position = info.positions['source'];
    if (run && position !== undefined) await run.checkpointed(position);
  }

  private background(p: Promise<unknown>): void {
    p.catch((e: unknown) => this.env.log('error', `checkpoint failed: ${errorMessage(e)}`, this.name));
  }

  private ended(end: RunEnd): void {
    if (this.stopRequested || this.state !== 'STARTED') return;
    // Only a stop ends a persistent run; anything else means its input is gone for good.
    this.env.log('warn', `run ended (${end})`, this.name);
    this.closeRun();
    this.setState('STOPPED', 'stopped');
  }

  /** External or internal failure: FAILED with a message, never a stack trace. */
  fail(err: unknown): void {
    if (this.state === 'FAILED') return;
    const msg = errorMessage(err);
    this.env.log('error', msg, this.name);
    this.def.errorMsg = msg;
    this.run?.stop();
    this.closeRun();
    this.setState('FAILED', 'error');
  }

  private setState(state: ProcessorState, status: ProcessorStatus): void {
    const now = new Date(this.env.clock.now()).toISOString();
    if (this.def.state !== state) this.def.lastStateChange = now;
    this.def.state = state;
    this.status = status;
    this.env.changed(this);
  }

  /** outputMessageSize from one document in 16: exact sizes cost a BSON walk per document. */
  private countOutput(doc: Doc): void {
    if ((++this.outputSeq & (OUTPUT_SIZE_SAMPLE - 1)) !== 0) return;
    try {
      this.outputBytes += OUTPUT_SIZE_SAMPLE * calculateObjectSize(doc);
    } catch {
      // A value BSON cannot size (never produced by the engine) is left out of the estimate.
    }
  }

  private sinkOutput(doc: Doc, meta: Meta): void {
    this.countOutput(doc);
    if (Number.isFinite(meta.ts)) {
      const now = this.env.clock.now();
      this.latency.record(now, Math.max(0, now - meta.ts) * 1000);
    }
    this.toCursors(doc);
  }

  private toCursors(doc: Doc): void {
    if (this.cursors.size > 0) this.cursors.output(doc);
  }

  /** Input/output/DLQ totals including what earlier runs counted (kept in checkpoints). */
  totals(): Counters {
    const c = new Counters();
    c.restore(this.base);
    const s = this.run?.stats;
    if (s) {
      c.inputMessageCount += s.inputMessageCount;
      c.inputMessageSize += s.inputMessageSize;
      c.outputMessageCount += s.outputMessageCount;
      c.outputMessageSize += this.outputBytes;
      c.dlqMessageCount += s.dlqMessageCount;
      c.dlqMessageSize += this.dlq?.bytes ?? 0;
    }
    return c;
  }

  stats(opts: { scale?: number; verbose?: boolean } = {}): Record<string, Value> {
    const run = this.run;
    const stateSize = run?.stateSize() ?? 0;
    return statsDocument({
      name: this.name,
      processorId: this.def.id,
      status: this.status,
      counters: this.totals(),
      stateSize,
      watermark: run?.stats.watermark,
      source: this.sourceStats(run),
      scale: opts.scale,
      verbose: opts.verbose,
      latency: this.latency,
      operators: opts.verbose
        ? operatorStats({ pipeline: this.def.pipeline, registry: this.env.registry(), run: run?.stats, probe: run ? this.probe : undefined, outputBytes: this.outputBytes, stateSize, now: this.env.clock.now(), source: run?.sourceOperatorStats(), targets: run?.sinkTargetStats(), windows: run?.openWindowStartTimes() })
        : undefined,
      now: this.env.clock.now(),
    });
  }

  /** Source stats once the source is open, plus how the start used the checkpoints (if notable). */
  private sourceStats(run: PipelineRun | undefined): Record<string, Value> | undefined {
    const out: Record<string, Value> = run && this.sourceOpen ? { ...withCheckpointOffsets(run.sourceStats(), this.coord?.last?.positions['source']) } : {};
    if (run && this.restoreNote) out['checkpointRestore'] = this.restoreNote;
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** Per-stage counts of the current run, in StageTrace form; undefined when not running. */
  stageTraces(): StageTrace[] | undefined {
    return this.run && this.probe ? tracesWithSink(this.def.pipeline, this.probe, this.run.stats) : undefined;
  }

  /** What the pipeline graph shows of the current run; undefined when not running. */
  live(): LiveStats | undefined {
    const run = this.run;
    return run && this.probe ? liveStats({ name: this.name, state: 'running', pipeline: this.def.pipeline, probe: this.probe, run: run.stats, now: this.env.clock.now() }) : undefined;
  }

  openCursor(limit: number): SampleCursor {
    const refused = refuse('sample', this.name, this.state);
    if (refused || !this.run) throw badState(refused ?? `Stream processor '${this.name}' is not running`);
    return this.cursors.add(limit, this.env.clock.now());
  }

  cursor(id: number): SampleCursor | undefined {
    return this.cursors.get(id);
  }

  /** The processor's DLQ collection, if one is configured. */
  dlqTarget(): ReturnType<typeof dlqCollection> | undefined {
    const d = this.def.options['dlq'] as { connectionName?: string; db?: string; coll?: string } | undefined;
    if (!d?.connectionName || !d.db || !d.coll) return undefined;
    return dlqCollection(this.env.services().collection(d.connectionName, d.db, d.coll));
  }
}
