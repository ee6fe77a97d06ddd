/**
 * The host <-> local instance contract: JSON-RPC (vscode-jsonrpc) over the daemon's
 * stdin/stdout. The extension, the CLI and tests send the requests; `asp serve`
 * (engine/daemon) answers them and sends the notifications.
 *
 * Request methods carry the Atlas command names unchanged, so the same client code can
 * later drive an Atlas workspace; params and results mirror the command documents and
 * replies of asp-spec.md §8. Local-only methods use the `asp/` prefix.
 *
 * Every document (pipeline stages, output documents, DLQ records, checkpoint state)
 * travels as relaxed Extended JSON (bson `EJSON.serialize(v, { relaxed: true })`), so a
 * Date arrives as `{ "$date": "..." }` and an ObjectId as `{ "$oid": "..." }`.
 *
 * Failures are JSON-RPC errors (`ResponseError`) whose `code` is one of `AspErrorCodes`
 * and whose message is the user-facing text (Atlas's text where Atlas has one).
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Connection } from '../../engine/connections/types';
import type { LocatedDiagnostic } from '../../engine/core/types';

/** A relaxed Extended JSON value (see the header). */
export type EJson = unknown;
/** A relaxed Extended JSON document. */
export type EJsonDoc = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------

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

/** One element of listStreamConnections. */
export interface ConnectionInfo {
  name: string;
  type: string;
  /** Local-only: where the entry comes from. */
  origin: 'builtin' | 'registry' | 'client';
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

// ---------------------------------------------------------------------------
// Atlas command surface
// ---------------------------------------------------------------------------

export interface OkReply {
  ok: 1;
}

/** Where a pipeline came from, for messages ("demo.asp.json: ..."). */
export interface PipelineOrigin {
  /** Absolute path of the `.asp.json` file. */
  file?: string;
}

export interface CreateParams extends PipelineOrigin {
  name: string;
  pipeline: EJson[];
  options?: ProcessorOptions;
}
/** createStreamProcessor: register a processor in state CREATED. */
export const createStreamProcessor = new RequestType<CreateParams, OkReply & { name: string }, void>('createStreamProcessor');

export interface ProcessParams extends PipelineOrigin {
  pipeline: EJson[];
  options?: ProcessorOptions;
  /** Name for the ephemeral processor; the daemon generates one when absent. */
  name?: string;
  run?: RunControls;
}
export interface ProcessReply extends OkReply {
  name: string;
  /** Atlas's sample cursor; 0 once the run ended. Output also streams as notifications. */
  cursorId: number;
}
/** processStreamProcessor (sp.process): start an ephemeral run and stream its output. */
export const processStreamProcessor = new RequestType<ProcessParams, ProcessReply, void>('processStreamProcessor');

export interface StartParams {
  name: string;
  resumeFromCheckpoint?: boolean;
  clearCheckpoints?: boolean;
  [key: string]: EJson;
}
/** startStreamProcessor: CREATED/STOPPED/FAILED -> STARTED (resumes from the last checkpoint). */
export const startStreamProcessor = new RequestType<StartParams, OkReply, void>('startStreamProcessor');

export interface StopParams {
  name: string;
  force?: boolean;
}
/** stopStreamProcessor: checkpoint, then STOPPED. Also ends an ephemeral run. */
export const stopStreamProcessor = new RequestType<StopParams, OkReply, void>('stopStreamProcessor');

export interface DropParams {
  name: string;
  force?: boolean;
}
/** dropStreamProcessor: stop if needed and forget the processor with its checkpoints. */
export const dropStreamProcessor = new RequestType<DropParams, OkReply, void>('dropStreamProcessor');

export interface ModifyParams extends PipelineOrigin {
  name: string;
  pipeline?: EJson[];
  resumeFromCheckpoint?: boolean;
  /** Atlas's `name` option of modify: the new name. */
  newName?: string;
  dlq?: DlqOption | Record<string, never>;
  [key: string]: EJson;
}
/** modifyStreamProcessor: change a stopped processor (asp-spec §7 rules). */
export const modifyStreamProcessor = new RequestType<ModifyParams, OkReply, void>('modifyStreamProcessor');

export interface StatsParams {
  name: string;
  scale?: number;
  verbose?: boolean;
}
export interface StatsReply extends OkReply {
  ns?: string;
  name: string;
  state: ProcessorState;
  stats: ProcessorStats;
  pipeline: EJson[];
}
/** getStreamProcessorStats. */
export const getStreamProcessorStats = new RequestType<StatsParams, StatsReply, void>('getStreamProcessorStats');

export interface SampleParams {
  name: string;
  limit?: number;
}
export interface CursorReply extends OkReply {
  cursorId: number;
}
/** startSampleStreamProcessor: open a cursor on a running processor's output. */
export const startSampleStreamProcessor = new RequestType<SampleParams, CursorReply, void>('startSampleStreamProcessor');

export interface GetMoreParams {
  name: string;
  cursorId: number;
  batchSize?: number;
}
export interface GetMoreReply extends CursorReply {
  /** Output documents; DLQ records wrapped as `{ _dlqMessage: {...} }` like sp.process. */
  messages: EJsonDoc[];
}
/** getMoreSampleStreamProcessor: next batch; `cursorId` 0 means the cursor is exhausted. */
export const getMoreSampleStreamProcessor = new RequestType<GetMoreParams, GetMoreReply, void>('getMoreSampleStreamProcessor');

export interface ListProcessorsParams {
  filter?: EJsonDoc;
  /** Local-only: include ephemeral runs (default false). */
  includeEphemeral?: boolean;
}
/** listStreamProcessors. */
export const listStreamProcessors = new RequestType<ListProcessorsParams, OkReply & { streamProcessors: ProcessorInfo[] }, void>(
  'listStreamProcessors',
);

export interface ListConnectionsParams {
  filter?: EJsonDoc;
}
/** listStreamConnections: built-ins plus the registry plus client-supplied entries. */
export const listStreamConnections = new RequestType<ListConnectionsParams, OkReply & { connections: ConnectionInfo[] }, void>(
  'listStreamConnections',
);

// ---------------------------------------------------------------------------
// Local-only methods
// ---------------------------------------------------------------------------

export interface HelloReply {
  version: string;
  pid: number;
  stateDir: string;
}
/** asp/hello: first request after spawn; also a health check. */
export const hello = new RequestType<Record<string, never>, HelloReply, void>('asp/hello');

export interface ConfigureParams {
  /** Absolute path of asp.connections.json (re-read on every configure). */
  connectionsFile?: string;
  /**
   * Entries the editor supplies, with secrets filled in from SecretStorage. They override
   * registry entries of the same name and live only in the daemon's memory.
   */
  connections?: Connection[];
}
/** asp/configure: (re)load the connection registry. Sent after hello and on every change. */
export const configure = new RequestType<ConfigureParams, OkReply, void>('asp/configure');

export interface TestConnectionParams {
  /** Test a registered connection by name ... */
  name?: string;
  /** ... or an entry that is not saved yet. */
  connection?: Connection;
  timeoutMs?: number;
}
export interface TestConnectionReply {
  ok: boolean;
  message: string;
  latencyMs: number;
}
/** asp/testConnection: connect, do one cheap round trip, disconnect. */
export const testConnection = new RequestType<TestConnectionParams, TestConnectionReply, void>('asp/testConnection');

export interface ValidateParams {
  /** The `.asp.json` text (a pipeline array or a processor document). */
  text: string;
  file?: string;
  /** Validate for an ephemeral run (no sink needed) rather than a processor. */
  ephemeral?: boolean;
}
/** asp/validate: the same diagnostics as `asp validate` and the language server. */
export const validate = new RequestType<ValidateParams, { diagnostics: LocatedDiagnostic[] }, void>('asp/validate');

export interface ListCheckpointsParams {
  name: string;
}
/** asp/listCheckpoints: newest first. */
export const listCheckpoints = new RequestType<ListCheckpointsParams, { checkpoints: CheckpointSummary[] }, void>('asp/listCheckpoints');

export interface GetCheckpointParams {
  name: string;
  checkpointId: string;
  /** Max entries sampled per table (default 20). */
  sample?: number;
}
/** asp/getCheckpoint. */
export const getCheckpoint = new RequestType<GetCheckpointParams, CheckpointDetail, void>('asp/getCheckpoint');

export interface ListDlqParams {
  /** A processor's DLQ; all processors when absent. */
  name?: string;
  limit?: number;
  skip?: number;
  /** Only records whose errInfo.reason contains this text (case-insensitive). */
  reason?: string;
  /** Only records from this engine operator (e.g. "MatchOperator"). */
  operatorName?: string;
}
/** asp/listDlq: newest first. */
export const listDlq = new RequestType<ListDlqParams, { entries: DlqEntry[]; total: number }, void>('asp/listDlq');

export interface StageTraceParams {
  name: string;
}
/** asp/getStageTrace: the per-stage capture of a run started with `run.debug`. */
export const getStageTrace = new RequestType<StageTraceParams, { name: string; stages: StageTrace[] }, void>('asp/getStageTrace');

/** asp/shutdown: stop every processor (checkpointing), flush, reply, then exit 0. */
export const shutdown = new RequestType<Record<string, never>, OkReply, void>('asp/shutdown');

// ---------------------------------------------------------------------------
// Notifications (daemon -> host)
// ---------------------------------------------------------------------------

export interface OutputParams {
  /** The ephemeral processor (run) the documents belong to. */
  name: string;
  /**
   * Documents in emission order, batched (the daemon flushes every ~50 ms or 500
   * documents). DLQ records are wrapped as `{ _dlqMessage: {...} }` like sp.process.
   */
  docs: EJsonDoc[];
  /** For DLQ records in `docs`: position in `docs` -> producing top-level stage index. */
  dlqStages?: Record<number, number>;
}
/** asp/output: streamed output of a run. */
export const output = new NotificationType<OutputParams>('asp/output');

export type RunEndReason = 'limit' | 'timeout' | 'drained' | 'stopped' | 'failed';
export interface RunEndedParams {
  name: string;
  reason: RunEndReason;
  /** User-facing error text when reason is 'failed'. */
  error?: string;
  counts: { input: number; output: number; dlq: number };
}
/** asp/runEnded: an ephemeral run finished; sent after its last asp/output. */
export const runEnded = new NotificationType<RunEndedParams>('asp/runEnded');

export interface StateChangedParams {
  name: string;
  state: ProcessorState;
  errorMsg?: string;
  ephemeral?: boolean;
  /** True when the processor was dropped (then `state` is its last state). */
  dropped?: boolean;
}
/** asp/stateChanged: a processor changed state (for live tree refresh). */
export const stateChanged = new NotificationType<StateChangedParams>('asp/stateChanged');

export interface LogParams {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  processor?: string;
}
/** asp/log: a line for the editor's log channel (the daemon writes nothing to stdout). */
export const log = new NotificationType<LogParams>('asp/log');

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/** `ResponseError.code` values. */
export const AspErrorCodes = {
  /** Atlas's StreamProcessorInvalidOptions: bad pipeline or options. `data` is InvalidPipelineData. */
  InvalidOptions: 420,
  /** No processor (or checkpoint, or connection) with that name. */
  NotFound: 404,
  /** The request does not fit the processor's state (start a started processor, ...). */
  BadState: 409,
  /** A processor with that name exists already. */
  Exists: 11000,
  /** A connection could not be reached. */
  External: 503,
  /** A bug; the message says what failed. */
  Internal: 500,
} as const;

/** `ResponseError.data` for InvalidOptions: the located diagnostics of the pipeline. */
export interface InvalidPipelineData {
  diagnostics: LocatedDiagnostic[];
}

/** The key that marks a DLQ record in an output stream. */
export const DLQ_MESSAGE_KEY = '_dlqMessage';
