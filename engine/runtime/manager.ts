/**
 * The local instance's processors: the Atlas command surface over definitions kept in the
 * state directory. Processors that were STARTED when the instance went away start again
 * (from their last checkpoint) when it comes back.
 */
import * as path from 'node:path';
import { EJSON, ObjectId } from 'bson';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { ConnectionRegistry } from '../connections/types';
import type { Services } from '../io/types';
import type { Doc, Value } from '../core/types';
import { errorMessage } from '../core/errors';
import { fromEJSON } from '../json/ejson';
import * as P from '../../shared/protocol';
import { FileCheckpointStore } from './checkpoint/fileStore';
import { detail, summarize } from './checkpoint/inspect';
import type { CheckpointStore } from './checkpoint/types';
import { compileProcessor } from './compile';
import { DefinitionStore, type ProcessorDef } from './definitions';
import { CommandError, badState, invalid, notFound } from './errors';
import { matchesFilter } from './listFilter';
import { checkResumableModify } from './modifyRules';
import { Processor, type RuntimeEnv } from './processor';
import { refuse } from './states';
import { TIER_KEYS, parseDropOptions, parseModifySettings, parseStartOptions, parseStopOptions, tierView, type SettingsChange } from './startOptions';
import { stageRegistry } from '../stages/registry';

export interface ManagerOptions {
  stateDir: string;
  clock?: Clock;
  registry: () => ConnectionRegistry;
  services: () => Services;
  /** Default 5 minutes, the engine's cadence (asp-spec §7); the daemon passes ASP_CHECKPOINT_INTERVAL_MS. */
  checkpointIntervalMs?: number;
  /** Where checkpoints go; the embedded file store by default. */
  checkpointStore?: (def: ProcessorDef) => CheckpointStore;
  log?: (level: 'error' | 'warn' | 'info', message: string, processor?: string) => void;
}

type Listener = (p: P.StateChangedParams) => void;

const relaxed = (v: Value): unknown => EJSON.serialize({ v } as Doc, { relaxed: true })['v'];
const NAME_RE = /^[A-Za-z0-9_.-]+$/;
/** Atlas's sample batch when getMore gives no batchSize (or 0) [DOCS:privilege-actions]. */
export const SAMPLE_BATCH = 5;

/** A start's or modify's settings into the definition: the changed options, and workers. */
function record(def: ProcessorDef, change: SettingsChange): boolean {
  if (change.options) def.options = change.options;
  if (change.settings.workers !== undefined) def.settings = { ...def.settings, workers: change.settings.workers };
  return change.options !== undefined || change.settings.workers !== undefined;
}

export class ProcessorManager {
  private readonly procs = new Map<string, Processor>();
  private readonly defs: DefinitionStore;
  private readonly env: RuntimeEnv;
  private readonly listeners = new Set<Listener>();
  readonly clock: Clock;

  constructor(readonly opts: ManagerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.defs = new DefinitionStore(opts.stateDir);
    const interval = opts.checkpointIntervalMs ?? 5 * 60_000;
    this.env = {
      clock: this.clock,
      registry: opts.registry,
      services: opts.services,
      checkpointIntervalMs: interval,
      checkpointStore: opts.checkpointStore ?? ((def) => new FileCheckpointStore(path.join(opts.stateDir, 'checkpoints', def.id))),
      log: opts.log ?? (() => undefined),
      changed: (p) => this.changed(p),
    };
  }

  onStateChanged(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Load definitions and restart what was running when the instance stopped. */
  async open(): Promise<void> {
    for (const def of this.defs.load()) this.procs.set(def.name, new Processor(def, this.env));
    for (const p of this.procs.values()) {
      if (p.state !== 'STARTED') continue;
      // start() refuses STARTED; the saved state is the desired state, so go through STOPPED.
      p.def.state = 'STOPPED';
      try {
        await p.start({});
      } catch (e) {
        p.fail(e);
      }
    }
  }

  /** Stop every run with a checkpoint, keeping each processor's desired state for the next open(). */
  async close(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.halt().catch((e: unknown) => this.env.log('error', errorMessage(e), p.name))));
    this.persist();
  }

  private changed(p: Processor): void {
    if (this.procs.get(p.name) === p) this.persist();
    const ev: P.StateChangedParams = { name: p.name, state: p.state };
    if (p.def.errorMsg) ev.errorMsg = p.def.errorMsg;
    for (const l of this.listeners) l(ev);
  }

  private persist(): void {
    this.defs.save([...this.procs.values()].map((p) => p.def));
  }

  private get(name: string): Processor {
    const p = this.procs.get(name);
    if (!p) throw notFound(name);
    return p;
  }

  create(params: P.CreateParams): P.OkReply & { name: string } {
    const name = params.name;
    if (typeof name !== 'string' || !NAME_RE.test(name)) throw invalid(`Invalid processor name: ${String(name)}`);
    if (!Array.isArray(params.pipeline)) throw invalid('Invalid pipeline');
    if (this.procs.has(name)) throw new CommandError(`Stream processor '${name}' already exists`, P.AspErrorCodes.Exists);
    const pipeline = fromEJSON(params.pipeline) as Value[];
    const options = (fromEJSON(params.options ?? {}) ?? {}) as Record<string, Value>;
    compileProcessor(name, pipeline, options, this.opts.registry(), 'processor');
    const now = new Date(this.clock.now()).toISOString();
    const def: ProcessorDef = { id: new ObjectId().toHexString(), name, pipeline, options, state: 'CREATED', lastModified: now, lastStateChange: now };
    if (params.file) def.file = params.file;
    const p = new Processor(def, this.env);
    this.procs.set(name, p);
    this.changed(p);
    return { ok: 1, name };
  }

  /** Start options are checked before anything changes; the tier settings are recorded once started. */
  async start(params: P.StartParams): Promise<P.OptionsReply> {
    const p = this.get(params.name);
    const req = parseStartOptions(params, p.def.options);
    await p.start({ resumeFromCheckpoint: req.resumeFromCheckpoint, clearCheckpoints: req.clearCheckpoints, startAt: req.startAt });
    if (record(p.def, req)) this.persist();
    return this.withWarnings(p.name, req.warnings);
  }

  async stop(params: P.StopParams): Promise<P.OptionsReply> {
    const p = this.get(params.name);
    const o = parseStopOptions(params);
    await p.stop(o.force);
    return this.withWarnings(p.name, o.warnings);
  }

  async drop(params: P.DropParams): Promise<P.OptionsReply> {
    const p = this.get(params.name);
    const o = parseDropOptions(params);
    await p.halt(o.force);
    await p.store().clear();
    this.procs.delete(p.name);
    this.persist();
    for (const l of this.listeners) l({ name: p.name, state: p.state, dropped: true });
    return this.withWarnings(p.name, o.warnings);
  }

  /** Options the local engine cannot honour are named in the reply and the log, never dropped silently. */
  private withWarnings(name: string, warnings: string[]): P.OptionsReply {
    for (const w of warnings) this.env.log('warn', w, name);
    return warnings.length > 0 ? { ok: 1, warnings } : { ok: 1 };
  }

  async modify(params: P.ModifyParams): Promise<P.OptionsReply> {
    const p = this.get(params.name);
    const refused = refuse('modify', p.name, p.state);
    if (refused) throw badState(refused);
    const resume = params.resumeFromCheckpoint !== false;
    const pipeline = params.pipeline !== undefined ? (fromEJSON(params.pipeline) as Value[]) : p.def.pipeline;
    if (!Array.isArray(pipeline)) throw invalid('The first argument to modify must be an array or object.');
    if (resume && params.pipeline !== undefined) {
      const why = checkResumableModify(p.def.pipeline, pipeline);
      if (why) throw invalid(why);
    }
    const options: Record<string, Value> = { ...p.def.options };
    const tierOpts: Record<string, Value> = {};
    for (const [k, v] of Object.entries(params)) {
      if (['name', 'pipeline', 'resumeFromCheckpoint', 'newName', 'file'].includes(k) || v === undefined) continue;
      if (TIER_KEYS.includes(k)) tierOpts[k] = fromEJSON(JSON.parse(JSON.stringify(v)) as Value);
      else options[k] = fromEJSON(v);
    }
    // tier and autoscaling of modify change only the values given (Atlas's autoscaling page).
    const warnings: string[] = [];
    const change = parseModifySettings(options, tierOpts, warnings);
    if (change.options) Object.assign(options, change.options);
    // `dlq: {}` removes the DLQ (asp-spec §6).
    const dlq = options['dlq'];
    if (dlq !== null && typeof dlq === 'object' && Object.keys(dlq).length === 0) delete options['dlq'];
    const newName = params.newName ?? p.name;
    if (!NAME_RE.test(newName)) throw invalid(`Invalid processor name: ${newName}`);
    if (newName !== p.name && this.procs.has(newName)) throw new CommandError(`Stream processor '${newName}' already exists`, P.AspErrorCodes.Exists);
    compileProcessor(newName, pipeline, options, this.opts.registry(), 'processor');
    if (!resume) await p.store().clear();
    this.procs.delete(p.name);
    p.def = { ...p.def, name: newName, pipeline, options, lastModified: new Date(this.clock.now()).toISOString() };
    if (change.settings.workers !== undefined) p.def.settings = { ...p.def.settings, workers: change.settings.workers };
    if (params.file) p.def.file = params.file;
    this.procs.set(newName, p);
    this.changed(p);
    return this.withWarnings(newName, warnings);
  }

  /** Atlas's reply: tier, effectiveTier and autoscaling beside the stats document (autoscaling page). */
  stats(params: P.StatsParams): P.StatsReply {
    const p = this.get(params.name);
    const stats = relaxed(p.stats({ scale: params.scale, verbose: params.verbose })) as P.ProcessorStats;
    return { ok: 1, ns: `admin.${p.name}`, name: p.name, state: p.state, ...tierView(p.def.options), stats, pipeline: relaxed(p.def.pipeline) as P.EJson[] };
  }

  info(p: Processor): P.ProcessorInfo {
    const t = p.totals();
    const info: P.ProcessorInfo = {
      id: p.def.id,
      name: p.name,
      pipeline: relaxed(p.def.pipeline) as P.EJson[],
      state: p.state,
      lastModified: p.def.lastModified,
      lastStateChange: p.def.lastStateChange,
      options: relaxed(p.def.options) as P.ProcessorOptions,
      counts: { input: t.inputMessageCount, output: t.outputMessageCount, dlq: t.dlqMessageCount },
    };
    Object.assign(info, tierView(p.def.options));
    if (p.def.settings?.workers !== undefined) info.workers = p.def.settings.workers;
    if (p.def.errorMsg) info.errorMsg = p.def.errorMsg;
    return info;
  }

  list(params: P.ListProcessorsParams = {}): P.OkReply & { streamProcessors: P.ProcessorInfo[] } {
    const filter = params.filter ? (fromEJSON(params.filter) as Doc) : undefined;
    const all = [...this.procs.values()].map((p) => this.info(p));
    return { ok: 1, streamProcessors: all.filter((i) => matchesFilter(i as unknown as Doc, filter)) };
  }

  startSample(params: P.SampleParams): P.CursorReply {
    const c = this.get(params.name).openCursor(params.limit && params.limit > 0 ? params.limit : 1000);
    return { ok: 1, cursorId: c.id };
  }

  getMore(params: P.GetMoreParams): P.GetMoreReply {
    const c = this.get(params.name).cursor(params.cursorId);
    if (!c) return { ok: 1, messages: [], cursorId: 0 };
    return { ok: 1, ...c.getMore(params.batchSize && params.batchSize > 0 ? params.batchSize : SAMPLE_BATCH, this.clock.now()) };
  }

  async listCheckpoints(params: P.ListCheckpointsParams): Promise<{ checkpoints: P.CheckpointSummary[] }> {
    const p = this.get(params.name);
    const list = await p.store().list();
    return { checkpoints: list.reverse().map((c) => summarize(p.name, c)) };
  }

  async getCheckpoint(params: P.GetCheckpointParams): Promise<P.CheckpointDetail> {
    const p = this.get(params.name);
    const store = p.store();
    const id = Number(params.checkpointId);
    const info = (await store.list()).find((c) => c.id === id);
    const c = info ? await store.load(id) : undefined;
    if (!c || !info) throw new CommandError(`Stream processor '${p.name}' has no checkpoint ${params.checkpointId}`, P.AspErrorCodes.NotFound);
    return detail(p.name, c, info.bytes, params.sample ?? 20);
  }

  async listDlq(params: P.ListDlqParams): Promise<{ entries: P.DlqEntry[]; total: number }> {
    const procs = params.name !== undefined ? [this.get(params.name)] : [...this.procs.values()];
    const entries: P.DlqEntry[] = [];
    let total = 0;
    const limit = params.limit ?? 20;
    const skip = params.skip ?? 0;
    for (const p of procs) {
      const target = p.dlqTarget();
      if (!target) continue;
      // Paging across several processors pages each one's newest entries, then merges.
      const page = await target.list({ processorName: p.name, reason: params.reason, operatorName: params.operatorName, skip: procs.length > 1 ? 0 : skip, limit: procs.length > 1 ? skip + limit : limit });
      total += page.total;
      for (const r of page.entries) entries.push(this.dlqEntry(p, r));
    }
    if (procs.length > 1) {
      entries.sort((a, b) => dlqTime(b) - dlqTime(a));
      return { entries: entries.slice(skip, skip + limit), total };
    }
    return { entries, total };
  }

  private dlqEntry(p: Processor, r: Doc): P.DlqEntry {
    const { _id, ...record } = r;
    const e: P.DlqEntry = { id: _id === undefined ? '' : String(_id), processorName: p.name, record: relaxed(record) as P.DlqRecord };
    const idx = stageIndexOf(p.def.pipeline, record['operatorName']);
    if (idx !== undefined) e.stageIndex = idx;
    return e;
  }

  processorNames(): string[] {
    return [...this.procs.keys()];
  }

  /** Counts per stage of a running processor (no document capture: processors are not debug runs). */
  trace(name: string): { name: string; stages: P.StageTrace[] } | undefined {
    const stages = this.procs.get(name)?.stageTraces();
    return stages ? { name, stages } : undefined;
  }

  /** Live per-stage counts and window panes of a started processor. */
  live(name: string): P.LiveStats | undefined {
    return this.procs.get(name)?.live();
  }

  processor(name: string): Processor | undefined {
    return this.procs.get(name);
  }
}

/** The top-level stage whose engine operator produced a DLQ record (first match). */
function stageIndexOf(pipeline: Value[], op: Value): number | undefined {
  if (typeof op !== 'string') return undefined;
  if (/(Source|Consumer)Operator$/.test(op)) return 0;
  const i = pipeline.findIndex((s) => stageRegistry.get(Object.keys(s as Doc)[0] ?? '')?.operatorName === op);
  return i >= 0 ? i : undefined;
}

function dlqTime(e: P.DlqEntry): number {
  const t = (e.record['dlqTime'] as { $date?: string } | undefined)?.$date;
  return t ? Date.parse(t) : 0;
}
