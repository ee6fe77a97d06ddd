/**
 * Local-only methods: the `asp/` requests an Atlas workspace does not have.
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */
import { RequestType } from 'vscode-jsonrpc';
import type { Connection } from '../../engine/connections/types';
import type { LocatedDiagnostic } from '../../engine/core/types';
import type { CheckpointDetail, CheckpointSummary, DlqEntry, StageTrace } from './shapes';
import type { OkReply } from './atlas';

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
  /** Absolute path of asp.targets.json (re-read on every configure). */
  targetsFile?: string;
  /** Target credentials from SecretStorage, by target name; held in memory only. */
  targetCredentials?: Record<string, { username: string; password: string }>;
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
