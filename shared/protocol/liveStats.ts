/**
 * Live per-stage counts of a running pipeline: what the pipeline graph draws. The local
 * instance samples its counters about once a second (never per document) and sends them as
 * asp/runProgress for Run and Debug; for started processors the editor asks asp/getLiveStats.
 * Part of the host <-> local instance contract described in shared/protocol/index.ts.
 * Times are milliseconds since the epoch (event time for panes and the watermark).
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { PaneState, WindowState } from '../../engine/core/types';

/** One stage of the top-level pipeline (index 0 = $source, the last may be the sink). */
export interface StageLive {
  index: number;
  stage: string;
  inCount: number;
  outCount: number;
  dlqCount: number;
  /** Own time per document, sampled on one document in 256, over the last 30 s (microseconds). */
  latencyP50Us?: number;
  latencyP99Us?: number;
  /** Samples behind the latency figures (0: no document was timed yet). */
  latencySamples?: number;
}

/** A pane of a tumbling or hopping window, or one session of a session window. */
export type PaneLive = PaneState;

/** A window stage's state (engine/core/types.ts WindowState) at its top-level pipeline index. */
export interface WindowLive extends WindowState {
  /** Top-level pipeline index of the window stage. */
  index: number;
  stage: string;
}

export interface LiveStats {
  /** The run or processor. */
  name: string;
  /** When the counters were read (the instance's clock). */
  at: number;
  /** 'ended': the last figures of a run that finished. */
  state: 'running' | 'ended';
  /** The combined event-time watermark, once a window pipeline has seen a document. */
  watermark?: number;
  input: number;
  output: number;
  dlq: number;
  stages: StageLive[];
  windows: WindowLive[];
}

/** asp/runProgress: about once a second while a Run or Debug runs, and once when it ends (before asp/runEnded). */
export const runProgress = new NotificationType<LiveStats>('asp/runProgress');

export interface LiveStatsParams {
  name: string;
}
/** asp/getLiveStats: the current figures of a run or a started processor. */
export const getLiveStats = new RequestType<LiveStatsParams, LiveStats, void>('asp/getLiveStats');
