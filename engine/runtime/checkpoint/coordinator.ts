/**
 * The one place that takes checkpoints. At a batch boundary it cuts source positions and every
 * operator's declared tables together (nothing runs in between, so the cut is consistent),
 * waits for the sinks to hold everything emitted before the cut, then commits to the store.
 * Operators never persist anything themselves.
 */
import type { Clock } from '../../core/clock';
import type { Value } from '../../core/types';
import { encodeCheckpoint } from './codec';
import type { CheckpointContent, CheckpointInfo, CheckpointStore, UnreadableCheckpoint } from './types';

/** What a running pipeline exposes to the coordinator. */
export interface Checkpointable {
  /**
   * Source positions and every operator's table snapshots, taken together between two
   * batches. Table keys must be stable between runs of the same pipeline.
   */
  cut(): { positions: Record<string, Value>; tables: Record<string, Value> };
  /** Resolves once sinks (and the DLQ) have written everything emitted so far. */
  drain(): Promise<void>;
  /** Summary counters kept across restarts. */
  counters?(): Record<string, number>;
}

export interface CoordinatorOptions {
  /** 0 or undefined: only explicit checkpoints (stop). */
  intervalMs?: number;
  clock: Clock;
  pipelineHash?: string;
}

/** What restore found: the newest readable checkpoint and the newer ones that were unreadable. */
export interface RestoreResult {
  checkpoint?: CheckpointContent;
  skipped: UnreadableCheckpoint[];
}

export class CheckpointCoordinator {
  private nextId = 1;
  private lastAt: number;
  private inFlight: Promise<CheckpointInfo> | undefined;
  /** Milliseconds the pipeline stood still for each cut (snapshot + encode), newest last. */
  readonly stalls: number[] = [];
  last: CheckpointInfo | undefined;

  constructor(
    readonly store: CheckpointStore,
    private readonly target: Checkpointable,
    private readonly opts: CoordinatorOptions,
  ) {
    this.lastAt = opts.clock.now();
  }

  /**
   * Find the newest readable checkpoint, skipping torn or corrupt ones (returned, so the caller
   * can say so or refuse to start). The caller seeks its sources and restores its tables from it.
   */
  async restore(): Promise<RestoreResult> {
    const { checkpoint, skipped } = await this.store.loadLatest();
    const ids = (await this.store.list()).map((c) => c.id);
    // Above every stored id, unreadable ones included: a new checkpoint must sort newest.
    this.nextId = Math.max(0, checkpoint?.id ?? 0, ...ids, ...skipped.map((s) => s.id)) + 1;
    if (!checkpoint) return { skipped };
    this.last = {
      id: checkpoint.id,
      time: checkpoint.time,
      bytes: 0,
      positions: checkpoint.positions,
      tables: [],
    };
    return { checkpoint, skipped };
  }

  /** True when the interval has elapsed and no checkpoint is being written. */
  due(now = this.opts.clock.now()): boolean {
    const iv = this.opts.intervalMs ?? 0;
    return iv > 0 && this.inFlight === undefined && now - this.lastAt >= iv;
  }

  /**
   * Take a checkpoint now. Call only at a batch boundary. The returned promise settles when it
   * is committed; the pipeline may keep processing meanwhile. A call while another checkpoint
   * is being written waits for that one and then takes a fresh cut.
   */
  async checkpoint(trigger = 'interval'): Promise<CheckpointInfo> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
    const t0 = performance.now();
    const { positions, tables } = this.target.cut();
    const content: CheckpointContent = { id: this.nextId++, time: this.opts.clock.now(), positions, tables, trigger };
    const counters = this.target.counters?.();
    if (counters) content.stats = counters;
    if (this.opts.pipelineHash) content.pipelineHash = this.opts.pipelineHash;
    const encoded = encodeCheckpoint(content);
    this.recordStall(performance.now() - t0);
    this.lastAt = content.time;
    const p = (async () => {
      await this.target.drain();
      return this.store.save(encoded);
    })();
    this.inFlight = p;
    try {
      this.last = await p;
      return this.last;
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Wait for a checkpoint being written, if any (stop, shutdown). */
  async settle(): Promise<void> {
    if (this.inFlight) await this.inFlight.catch(() => undefined);
  }

  private recordStall(ms: number): void {
    this.stalls.push(ms);
    if (this.stalls.length > 1000) this.stalls.splice(0, this.stalls.length - 1000);
  }
}
