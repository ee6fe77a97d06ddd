/** Messages between the extension host and the output panel webview (both sides import these types). */
import type { EJsonDoc, RunEndReason, StageTrace } from '../../shared/protocol';

export type ExportFormat = 'ndjson' | 'csv';

/** Host -> webview. */
export type ToWebview =
  /** A run began; `tsField` is where its source writes the event time (default `_ts`). */
  | { type: 'run'; run: string; label: string; debug: boolean; sinks: string; tsField?: string }
  /** Documents of one run in arrival order; DLQ records are `{ _dlqMessage }` (stage in dlqStages). */
  | { type: 'rows'; run: string; docs: EJsonDoc[]; dlqStages?: Record<number, number> }
  | { type: 'end'; run: string; reason: RunEndReason; error?: string; counts: { input: number; output: number; dlq: number } }
  | { type: 'trace'; run: string; stages: StageTrace[] }
  /** The run's watermark (about once a second), for the histogram's watermark line. */
  | { type: 'progress'; run: string; watermark?: number; allowedLatenessMs?: number }
  | { type: 'config'; maxRows: number }
  | { type: 'clear' };

/** Webview -> host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'export'; format: ExportFormat; text: string; rows: number }
  | { type: 'gotoStage'; run: string; index: number; innerIndex?: number }
  | { type: 'stop'; run: string }
  | { type: 'saveAsTest'; run: string };
