/**
 * The operator contract: what every running stage, window, sink and lookup implements, and the
 * state tables the checkpoint coordinator snapshots. It depends on core types only, so every
 * layer above (windows, stages, connectors, pipeline, runtime) implements or drives it without
 * importing the stage catalog.
 */
import type { Meta } from './meta';
import type { Doc, Value, WindowState } from './types';

/** A DLQ record as an operator raises it; the runtime adds processorName, dlqTime, ... */
export interface DlqInput {
  operatorName: string;
  reason: string;
  doc?: Doc | string;
  meta?: Meta;
  missedWindowStartTimes?: number[];
}

/** Downstream push. */
export type Emit = (doc: Doc, meta: Meta) => void;

/**
 * Streams a snapshot into the checkpoint encoder without building it first. A table that
 * implements `snapshotTo` must write exactly the structure its `snapshot()` returns.
 */
export interface SnapshotWriter {
  /** An array of `length` values follows. */
  array(length: number): void;
  /** An object of `fieldCount` (key, value) pairs follows. */
  object(fieldCount: number): void;
  key(name: string): void;
  /** Any value, written whole. */
  value(v: Value): void;
}

/** A named piece of operator state that the checkpoint coordinator snapshots. */
export interface StateTable {
  name: string;
  /** A JSON/EJSON-serialisable snapshot of the table. */
  snapshot(): Value;
  /** Optional fast path for big tables: the same snapshot, streamed (checkpoints). */
  snapshotTo?(w: SnapshotWriter): void;
  restore(data: Value): void;
  /** Approximate bytes held, for stats. */
  size(): number;
}


export type { WindowState } from './types';

/** A running stage. Push-based: `push` calls `next` zero or more times. */
export interface Operator {
  push(doc: Doc, meta: Meta): void;
  /** The combined event-time watermark advanced (ms). Windows close here. */
  watermark?(wm: number): void;
  /** Processing-time tick (idle timeouts, processing-time windows). */
  tick?(now: number): void;
  /** End of a finite input: fire everything still open (asp run's drain). */
  flush?(): void;
  /** Declared state for checkpoints. */
  tables?(): StateTable[];
  /** Sinks: wait until everything pushed so far is durably written. */
  drain?(): Promise<void>;
  /**
   * Sinks that keep writes in flight across batches: start writing what was pushed and return
   * without waiting for it (bounded by the sink). The runner calls it between batches instead
   * of drain() when nothing external is committed there; checkpoints still await drain().
   */
  dispatch?(): Promise<void>;
  /**
   * Operators that pass documents on later than push() (replies that come back asynchronously,
   * or a batch answered in drain()): call `signal` once every document pushed so far has been
   * passed on or dead-lettered, at once when none is pending. The chain sends watermarks, ticks
   * and the end-of-input flush to later stages through it, so they travel behind the documents.
   */
  afterPending?(signal: () => void): void;
  close?(): Promise<void>;
  /** Windows: their open panes, for the pipeline graph. */
  windowState?(limit: number): WindowState;
  /** Sinks: verbose `targetStats`, one element per collection or topic written to. */
  targetStats?(): Record<string, Value>[];
  /** Windows: the start times (ms) of the oldest and newest open window, if any is open. */
  openWindowStartTimes?(): { min: number; max: number } | undefined;
}
