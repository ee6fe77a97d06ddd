/**
 * The Atlas command surface: requests named after the Atlas commands (asp-spec §8).
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */
import { RequestType } from 'vscode-jsonrpc';
import type { ConnectionInfo, DlqOption, EJson, EJsonDoc, ProcessorInfo, ProcessorOptions, ProcessorState, ProcessorStats, RunControls } from './shapes';

export interface OkReply {
  ok: 1;
}

/** The reply of start/stop/drop/modify: `warnings` names options the local engine cannot honour. */
export interface OptionsReply extends OkReply {
  warnings?: string[];
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
export const startStreamProcessor = new RequestType<StartParams, OptionsReply, void>('startStreamProcessor');

export interface StopParams {
  name: string;
  /** Stop at once, without the stop checkpoint. */
  force?: boolean;
  /** The Node driver's placement of the same options. */
  options?: { force?: boolean };
}
/** stopStreamProcessor: checkpoint, then STOPPED. Also ends an ephemeral run. */
export const stopStreamProcessor = new RequestType<StopParams, OptionsReply, void>('stopStreamProcessor');

export interface DropParams {
  name: string;
  /** Drop without the stop checkpoint. */
  force?: boolean;
  /** Atlas's retention of the dropped processor, `{size, unit}`; validated, answered with a warning. */
  ttl?: { size: number; unit: string };
  options?: { force?: boolean; ttl?: { size: number; unit: string } };
}
/** dropStreamProcessor: stop if needed and forget the processor with its checkpoints. */
export const dropStreamProcessor = new RequestType<DropParams, OptionsReply, void>('dropStreamProcessor');

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
export const modifyStreamProcessor = new RequestType<ModifyParams, OptionsReply, void>('modifyStreamProcessor');

export interface StatsParams {
  name: string;
  scale?: number;
  verbose?: boolean;
}
export interface StatsReply extends OkReply {
  ns?: string;
  name: string;
  state: ProcessorState;
  /** The baseline tier (start, modify or options.tier; the workspace default otherwise). */
  tier?: string;
  /** The tier it runs on: the baseline, locally (one tier, nothing scales). */
  effectiveTier?: string;
  /** Present when autoscaling is enabled: its bounds. */
  autoscaling?: { minTier: string; maxTier: string };
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

/** listWorkspaceDefaults (sp.listWorkspaceDefaults()): the workspace's default and maximum tier. */
export interface WorkspaceDefaultsReply extends OkReply {
  defaultTierSize: string;
  maxTierSize: string;
}
export const listWorkspaceDefaults = new RequestType<Record<string, never>, WorkspaceDefaultsReply, void>('listWorkspaceDefaults');

export interface GetProcessorParams {
  name: string;
}
/** getStreamProcessor: the flat processor description the drivers read (the fields the local engine has). */
export interface StreamProcessorReply extends OkReply {
  id: string;
  name: string;
  state: ProcessorState;
  pipeline: EJson[];
  tier?: string;
  dlq?: EJson;
  streamMetaFieldName?: string;
  failoverEnabled?: boolean;
  enableAutoScaling?: boolean;
  /** Local: the stored `autoscaling` option; Atlas reports the bounds in the stats reply. */
  autoscaling?: EJsonDoc;
  lastModifiedAt?: string;
  lastStateChange?: string;
  hasStarted: boolean;
  errorMsg?: string;
  stats?: ProcessorStats;
}
export const getStreamProcessor = new RequestType<GetProcessorParams, StreamProcessorReply, void>('getStreamProcessor');
