/**
 * The output panel's event-time histogram: each row's event time (the `_ts` field the source
 * stamps, or a window's start) against its processing time (when the panel received it),
 * binned on a grid, with the run's watermark samples as a line. Points under the watermark
 * arrived after it had passed them; DLQ records "arrived late" are counted apart. Pure.
 */
import { dateMillis, valueAt } from './values';

/** The reason ASP gives a document that missed its window (asp-spec §6). */
export const LATE_REASON = 'Input document arrived late.';

/** Event time of an output document, or of the input document a DLQ record carries. */
export function eventTimeOf(doc: unknown, dlq: boolean, tsField = '_ts'): number | undefined {
  const d = dlq ? valueAt(doc, 'doc') : doc;
  const t = dateMillis(valueAt(d, tsField));
  if (t !== undefined) return t;
  // A window's output carries its window, not a `_ts` of its own.
  return dateMillis(valueAt(doc, '_stream_meta.window.start'));
}

/** Where a pipeline's $source writes the event time: its `tsFieldName` (or the older `tsFieldOverride`), else `_ts`. */
export function sourceTsField(pipeline: readonly unknown[]): string {
  const src = valueAt(pipeline[0], '$source');
  const name = valueAt(src, 'tsFieldName') ?? valueAt(src, 'tsFieldOverride');
  return typeof name === 'string' && name !== '' ? name : '_ts';
}

/** A row's event time, read once and kept on the row (the table, the histogram and CSV all ask). */
export function rowEventTime(row: { doc: unknown; dlq: boolean; eventTime?: number | null }, tsField: string): number | undefined {
  if (row.eventTime === undefined) row.eventTime = eventTimeOf(row.doc, row.dlq, tsField) ?? null;
  return row.eventTime ?? undefined;
}

export function isLateRecord(doc: unknown): boolean {
  return valueAt(doc, 'errInfo.reason') === LATE_REASON;
}

export interface TimePoint {
  /** Processing time (ms). */
  proc: number;
  /** Event time (ms). */
  event: number;
  late: boolean;
}

export interface WatermarkSample {
  /** Processing time the sample arrived (same clock as TimePoint.proc). */
  at: number;
  watermark: number;
  allowedLatenessMs?: number;
}

export interface Bins {
  cols: number;
  rows: number;
  /** Processing-time domain (x). */
  x0: number;
  x1: number;
  /** Event-time domain (y, upwards). */
  y0: number;
  y1: number;
  /** Row-major from the bottom row: counts[row * cols + col]. */
  counts: Uint32Array;
  late: Uint32Array;
  /** The largest cell count (for shading). */
  max: number;
  total: number;
  lateTotal: number;
  /** How far behind the newest event time seen before it a point arrived, at most (out of order). */
  maxBehindMs: number;
}

/** Half a second either side of a domain that is a single instant, so it still has a width. */
const MIN_HALF_SPAN = 500;

function domain(lo: number, hi: number): [number, number] {
  return hi > lo ? [lo, hi] : [lo - MIN_HALF_SPAN, hi + MIN_HALF_SPAN];
}

/** Bins `points` (in arrival order) on a cols × rows grid; the domain also spans the watermark samples. */
export function binTimes(points: readonly TimePoint[], watermarks: readonly WatermarkSample[], cols: number, rows: number): Bins | undefined {
  if (points.length === 0 || cols < 1 || rows < 1) return undefined;
  let xLo = Infinity;
  let xHi = -Infinity;
  let yLo = Infinity;
  let yHi = -Infinity;
  let frontier = -Infinity;
  let maxBehindMs = 0;
  for (const p of points) {
    if (p.proc < xLo) xLo = p.proc;
    if (p.proc > xHi) xHi = p.proc;
    if (p.event < yLo) yLo = p.event;
    if (p.event > yHi) yHi = p.event;
    if (p.event < frontier && frontier - p.event > maxBehindMs) maxBehindMs = frontier - p.event;
    if (p.event > frontier) frontier = p.event;
  }
  for (const w of watermarks) {
    if (!Number.isFinite(w.watermark) || w.at < xLo || w.at > xHi) continue;
    if (w.watermark < yLo) yLo = w.watermark;
    if (w.watermark > yHi) yHi = w.watermark;
  }
  const [x0, x1] = domain(xLo, xHi);
  const [y0, y1] = domain(yLo, yHi);
  const counts = new Uint32Array(cols * rows);
  const late = new Uint32Array(cols * rows);
  let max = 0;
  let lateTotal = 0;
  for (const p of points) {
    const c = Math.min(cols - 1, Math.floor(((p.proc - x0) / (x1 - x0)) * cols));
    const r = Math.min(rows - 1, Math.floor(((p.event - y0) / (y1 - y0)) * rows));
    const i = r * cols + c;
    const n = ++counts[i]!;
    if (n > max) max = n;
    if (p.late) {
      late[i]!++;
      lateTotal++;
    }
  }
  return { cols, rows, x0, x1, y0, y1, counts, late, max, total: points.length, lateTotal, maxBehindMs };
}

/** Where (proc, event) falls in the domain, as fractions (0..1; may lie outside for lines). */
export function project(b: Bins, proc: number, event: number): { fx: number; fy: number } {
  return { fx: (proc - b.x0) / (b.x1 - b.x0), fy: (event - b.y0) / (b.y1 - b.y0) };
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

/** Round tick positions between lo and hi, about `target` of them. */
export function timeTicks(lo: number, hi: number, target: number): { step: number; ticks: number[] } {
  const span = Math.max(1, hi - lo);
  const step = STEPS.find((s) => span / s <= target) ?? Math.ceil(span / target / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return { step, ticks };
}

/** Tick label: as much of the ISO time as the step needs. */
export function tickLabel(t: number, step: number): string {
  const iso = new Date(t).toISOString();
  if (step >= 86_400_000) return iso.slice(0, 10);
  if (step >= 60_000) return iso.slice(11, 16);
  if (step >= 1000) return iso.slice(11, 19);
  return iso.slice(11, 23);
}

/** A duration for the summary line: "850 ms", "3.2 s", "4 min 10 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}
