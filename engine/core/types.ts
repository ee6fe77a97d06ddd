/** Core value and diagnostic types shared by the engine, the language server and the CLI. */
import type { DiagnosticCode } from './codes';

/** Any BSON value as the engine holds it. `undefined` means "missing"; BSON undefined (type 6) is BSON_UNDEFINED (engine/bson/undefined.ts). */
export type Value = unknown;

/** A document flowing through a pipeline: a plain object of BSON values. */
export type Doc = Record<string, Value>;

/** A path into a JSON value: object keys and array indices, from the root of the file. */
export type JsonPath = (string | number)[];

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * A diagnostic located by JSON path. The file loader turns paths into offsets and
 * line:col ranges using the parse tree, so producers never deal with text positions.
 * `target: 'key'` points at the property name instead of its value.
 */
export interface Diagnostic {
  /** Listed in engine/core/codes.ts (an unlisted code does not type-check). */
  code: DiagnosticCode;
  message: string;
  severity: Severity;
  path: JsonPath;
  target?: 'key' | 'value';
  /** Optional machine-readable data for quick fixes (e.g. a suggested stage name). */
  data?: Record<string, unknown>;
}

/** A diagnostic with a resolved text range (0-based offsets, 1-based line/col for display). */
export interface LocatedDiagnostic extends Diagnostic {
  offset: number;
  length: number;
  line: number;
  col: number;
}

/** Collects diagnostics; producers call it and never throw for user mistakes. */
export interface DiagnosticSink {
  report(d: Diagnostic): void;
}

export function diag(
  code: DiagnosticCode,
  message: string,
  path: JsonPath,
  severity: Severity = 'error',
  extra?: Partial<Diagnostic>,
): Diagnostic {
  return { code, message, severity, path, ...extra };
}

/** A pane of a tumbling or hopping window, or one session of a session window (ms; docs held). */
export interface PaneState {
  start: number;
  end: number;
  docs: number;
}

/** What a window operator holds right now, for live views (read about once a second, never per document). */
export interface WindowState {
  kind: 'tumbling' | 'hopping' | 'session';
  sizeMs?: number;
  hopMs?: number;
  gapMs?: number;
  allowedLatenessMs: number;
  processingTime: boolean;
  /** Open panes (sessions, for session windows) oldest first: the `limit` newest of them. */
  panes: PaneState[];
  paneCount: number;
  /**
   * Tumbling and hopping: windows that start before this have closed. Sessions: the close line
   * itself (watermark − allowedLateness); a session ending at or before it has closed.
   */
  closedBefore?: number;
}
