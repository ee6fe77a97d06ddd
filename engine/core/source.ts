/**
 * Source lifecycle: connect -> read batches (each acked after its documents are processed
 * and the sinks drained) -> close. Retry with backoff lives in one shared wrapper, not here.
 */
import type { Meta } from './meta';
import type { Doc, Value } from './types';
import type { DlqInput } from './operator';

export interface SourceRecord {
  /** The decoded document, with `_ts` (or tsFieldName) already set. Absent when `dlq` is set. */
  doc?: Doc;
  meta: Meta;
  /** Watermark input this record belongs to (a Kafka partition "topic:3"); one input if absent. */
  input?: string;
  /** A record that could not be decoded goes straight to the DLQ. */
  dlq?: DlqInput;
  /** Serialized size in bytes, for stats (0 if unknown). */
  size?: number;
}

export interface SourceBatch {
  records: SourceRecord[];
}

/** Returned by read() when a finite source (documents) has nothing more, ever. */
export const END_OF_INPUT = Symbol('END_OF_INPUT');

export interface Source {
  /** 'documents' | 'generated' | 'kafka' | 'atlas' */
  readonly type: string;
  connect(signal: AbortSignal): Promise<void>;
  /** Next batch; an empty batch means "nothing right now" (the caller ticks and asks again). */
  read(signal: AbortSignal): Promise<SourceBatch | typeof END_OF_INPUT>;
  /**
   * Without `checkpointed`: everything read so far is processed and in the sinks (called after
   * each batch). With it: a checkpoint holding that position() is durable. A source commits
   * external offsets on one of the two, per its own commit policy.
   */
  commit?(checkpointed?: Value): Promise<void>;
  /** True when commit() without `checkpointed` commits external offsets: sinks drain before it. */
  readonly commitsEachBatch?: boolean;
  /** A checkpointable position (JSON/EJSON-serialisable) after the last record returned. */
  position(): Value;
  /** Resume after `position` (from a checkpoint) instead of the configured start. */
  seek(position: Value): void;
  /** Watermark inputs currently idle (partitionIdleTimeout), at processing time `now`. */
  idleInputs?(now: number): string[];
  /** Stats (kafkaPartitions, changeStreamState, ...) merged into getStreamProcessorStats. */
  stats?(): Record<string, Value>;
  /** Fields of the source's verbose `operatorStats[0]` entry (initialSync progress, targetStats). */
  operatorStats?(): Record<string, Value>;
  close(): Promise<void>;
}
