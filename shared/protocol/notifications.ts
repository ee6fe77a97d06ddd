/**
 * Notifications the local instance sends to its host (daemon -> host).
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 */
import { NotificationType } from 'vscode-jsonrpc';
import type { EJsonDoc, ProcessorState } from './shapes';

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
