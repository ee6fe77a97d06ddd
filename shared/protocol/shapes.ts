/**
 * Shared shapes: processor states and options, stats, DLQ records, stage traces, checkpoints.
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */

/** A relaxed Extended JSON value (see shared/protocol/index.ts). */
export type EJson = unknown;
/** A relaxed Extended JSON document. */
export type EJsonDoc = Record<string, unknown>;


/** Atlas-level processor states (asp-spec §7). */
export type ProcessorState = 'CREATED' | 'STARTED' | 'STOPPED' | 'FAILED';

/** `dlq` processor option: all three fields required when present; `{}` removes it in modify. */
export interface DlqOption {
  connectionName: string;
  db: string;
  coll: string;
}

/** Options of createStreamProcessor / processStreamProcessor (asp-spec §8). */
export interface ProcessorOptions {
  dlq?: DlqOption | Record<string, never>;
  streamMetaFieldName?: string;
  tier?: string;
  [key: string]: EJson;
}

/** Where documents that reach the end of an ephemeral run go. */
export type SinkMode =
  /** `$merge` / `$emit` are replaced by a capture: nothing is written anywhere. */
  | 'capture'
  /** The pipeline's own sinks run and write for real. */
  | 'real';

/** Local-only controls of an ephemeral run (processStreamProcessor). */
export interface RunControls {
  /** Default 'capture'. */
  sinks?: SinkMode;
  /** Stop after this many documents (output + DLQ) were captured. Default 1000. */
  maxDocs?: number;
  /** Stop after this many milliseconds of run time. Default 60000. */
  maxMs?: number;
  /** A finite `documents` source drains its windows at end of input (default true). */
  drain?: boolean;
  /** Keep a per-stage trace: the first `perStage` documents each stage emitted and dropped. */
  debug?: { perStage: number };
  /** Stream output to the caller with `OutputNotification` (default true). */
  stream?: boolean;
  /**
   * Keep what the `$source` delivered (at most `maxEvents` documents, default 10000) and what the
   * run produced, so the run can become a test (asp/getRunRecording, asp/fixtureFromRun).
   */
  record?: { maxEvents?: number };
}

/** One element of listStreamProcessors (asp-spec §8). */
export interface ProcessorInfo {
  id: string;
  name: string;
  pipeline: EJson[];
  state: ProcessorState;
  tier?: string;
  errorMsg?: string;
  lastModified?: string;
  lastStateChange?: string;
  options?: ProcessorOptions;
  /** Local-only: an ephemeral run (processStreamProcessor / Run / Debug). */
  ephemeral?: boolean;
  /** Local-only: a few live counters so the tree can show them without a stats call. */
  counts?: { input: number; output: number; dlq: number };
}

/**
 * One element of listStreamConnections: name, type and, as in Atlas's reply, the entry's
 * type-specific fields (clusterName, bootstrapServers, url, region, ...), never a secret nor a
 * local-only field such as a Cluster's uri.
 */
export interface ConnectionInfo {
  name: string;
  type: string;
  /** Local-only: where the entry comes from. */
  origin: 'builtin' | 'registry' | 'client';
  /** Local-only: why the local engine cannot reach it (an Atlas-only type, ...), when it cannot. */
  localUnreachable?: string;
  [field: string]: unknown;
}

/** `stats` of getStreamProcessorStats (asp-spec §8); unknown fields pass through. */
export interface ProcessorStats {
  name: string;
  processorId?: string;
  status: string;
  scaleFactor?: number;
  inputMessageCount: number;
  inputMessageSize: number;
  outputMessageCount: number;
  outputMessageSize: number;
  dlqMessageCount: number;
  dlqMessageSize: number;
  stateSize?: number;
  memoryTrackerBytes?: number;
  watermark?: EJson;
  operatorStats?: OperatorStats[];
  [key: string]: EJson;
}

/** verbose `operatorStats[]` element. */
export interface OperatorStats {
  name: string;
  inputMessageCount: number;
  outputMessageCount: number;
  dlqMessageCount: number;
  stateSize?: number;
  executionTimeMillis?: number;
  [key: string]: EJson;
}

/** A DLQ record as the engine builds it (asp-spec §6), relaxed EJSON. */
export interface DlqRecord extends EJsonDoc {
  errInfo: { reason: string };
  operatorName: string;
  doc?: EJson;
  missedWindowStartTimes?: EJson[];
  processorName?: string;
  dlqTime?: EJson;
}

/** A stored DLQ entry, with what the editor needs to show it at its stage. */
export interface DlqEntry {
  /** Stable id within the processor's DLQ (the sink's `_id` as a string). */
  id: string;
  processorName: string;
  /** Index in the top-level pipeline of the stage that produced it (0 = $source), if known. */
  stageIndex?: number;
  /** Index inside a window's inner pipeline, when the stage was there. */
  innerStageIndex?: number;
  record: DlqRecord;
}

/** Per-stage capture of a Debug run. */
export interface StageTrace {
  /** Index in the top-level pipeline (0 = $source). */
  index: number;
  /** Index inside a window's inner pipeline (then `index` is the window stage). */
  innerIndex?: number;
  /** The stage name, e.g. "$match". */
  stage: string;
  inCount: number;
  outCount: number;
  droppedCount: number;
  dlqCount: number;
  /** First N documents this stage emitted. */
  emitted: EJsonDoc[];
  /** First N documents this stage received and did not pass on (filtered, not errors). */
  dropped: EJsonDoc[];
  /** First N DLQ records this stage produced. */
  dlq: DlqRecord[];
}

export interface CheckpointSummary {
  id: string;
  processorName: string;
  /** ISO date the checkpoint completed. */
  time: string;
  /** Why it was taken: 'interval' | 'stop' | 'start' | 'manual'. */
  trigger?: string;
  sizeBytes?: number;
  /** Number of operator state tables in it. */
  tables?: number;
}

export interface CheckpointDetail extends CheckpointSummary {
  /** Source positions (Kafka offsets, resume token, documents index). */
  sourcePositions: EJson;
  /** Operator tables by operator name / stage index: table name -> sample of entries. */
  operators: Array<{ operator: string; stageIndex?: number; tables: Record<string, { entries: number; sample: EJson[] }> }>;
  /** Summary stats stored with the checkpoint. */
  stats?: EJsonDoc;
}
