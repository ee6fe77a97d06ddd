/** Checkpoint contents and the store contract shared by the file and MongoDB stores. */
import type { Value } from '../../core/types';

/**
 * One consistent cut of a processor: where each source stands and what every stateful
 * operator holds at that same batch boundary. Positions, not data (asp-spec §7).
 */
export interface CheckpointContent {
  /** Increasing per processor; the latest complete one wins on restart. */
  id: number;
  /** Wall-clock ms when the cut was taken. */
  time: number;
  /** Source name ("source") -> position as returned by Source.position(). */
  positions: Record<string, Value>;
  /** "<operator index>.<table name>" -> StateTable.snapshot(). */
  tables: Record<string, Value>;
  /** Summary counters so stats survive a restart. */
  stats?: Record<string, number>;
  /** Fingerprint of the pipeline that wrote it; modify rules compare against it. */
  pipelineHash?: string;
  /** Why it was taken: 'start' | 'interval' | 'stop' | 'manual'. */
  trigger?: string;
}

/** What listing shows without decoding table data. */
export interface CheckpointInfo {
  id: number;
  time: number;
  bytes: number;
  positions: Record<string, Value>;
  tables: { name: string; bytes: number }[];
  trigger?: string;
}

/** A stored checkpoint that could not be read: which one, where it is stored, and why. */
export interface UnreadableCheckpoint {
  id: number;
  /** The file, or the MongoDB documents, that hold it. */
  location: string;
  reason: string;
}

/** The newest readable checkpoint, and the newer ones that were torn or corrupt (newest first). */
export interface LoadResult {
  checkpoint?: CheckpointContent;
  skipped: UnreadableCheckpoint[];
}

/** One processor's checkpoints. Implementations commit atomically: a half-written one never loads. */
export interface CheckpointStore {
  /** Persist a checkpoint whose tables are already encoded (see codec.ts). */
  save(encoded: EncodedCheckpoint): Promise<CheckpointInfo>;
  loadLatest(): Promise<LoadResult>;
  load(id: number): Promise<CheckpointContent | undefined>;
  list(): Promise<CheckpointInfo[]>;
  /** Forget everything (start with clearCheckpoints, drop). */
  clear(): Promise<void>;
  close?(): Promise<void>;
}

/** A checkpoint turned into BSON sections, ready for any store. */
export interface EncodedCheckpoint {
  id: number;
  time: number;
  positions: Record<string, Value>;
  /** First section is the header document; the rest are table parts. */
  sections: Buffer[];
  tableBytes: { name: string; bytes: number }[];
  bytes: number;
  trigger?: string;
}
