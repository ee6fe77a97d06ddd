/** Messages between the extension host and the output panel webview. */
import type { EJsonDoc, RunEndReason, StageTrace } from '../../shared/protocol';

/** Host -> webview. */
export type ToWebview =
  | { type: 'run'; run: string; label: string; debug: boolean; sinks: string }
  /** Documents of one run in arrival order; DLQ records are `{ _dlqMessage }` (stage in dlqStages). */
  | { type: 'rows'; run: string; docs: EJsonDoc[]; dlqStages?: Record<number, number> }
  | { type: 'end'; run: string; reason: RunEndReason; error?: string; counts: { input: number; output: number; dlq: number } }
  | { type: 'trace'; run: string; stages: StageTrace[] }
  | { type: 'config'; maxRows: number }
  | { type: 'clear' };

/** Webview -> host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'export'; ndjson: string; rows: number }
  | { type: 'gotoStage'; run: string; index: number; innerIndex?: number }
  | { type: 'stop'; run: string }
  | { type: 'saveAsTest'; run: string };
