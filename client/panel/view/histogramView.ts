/**
 * The Histogram tab: a canvas grid of event time (up) against processing time (right), each
 * cell shaded by how many rows fall in it and red where rows went to the DLQ as late, with the
 * watermark as a line and the allowed-lateness line (watermark − allowedLateness) dashed under
 * it. A row under the dashed line missed its window. Redrawn at most four times a second.
 */
import type { Row } from '../store';
import { binTimes, formatDuration, isLateRecord, rowEventTime, project, tickLabel, timeTicks, type Bins, type TimePoint, type WatermarkSample } from '../histogram';
import { themeColor } from '../../webview/dom';

const COLS = 80;
const ROWS = 40;
const PAD = { left: 92, right: 16, top: 12, bottom: 34 };

/** Sizes the canvas to its box at the screen's pixel ratio and clears it; drawing units are CSS pixels. */
export function clearCanvas(c: HTMLCanvasElement): { g: CanvasRenderingContext2D; w: number; h: number } | undefined {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(200, c.clientWidth);
  const h = Math.max(160, c.clientHeight);
  if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
  }
  const g = c.getContext('2d');
  if (!g) return undefined;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  return { g, w, h };
}

/** The theme's chart colours and font, read when drawing so a theme change shows on the next frame. */
export function chartTheme(): { fg: string; dim: string; blue: string; red: string; yellow: string; font: string } {
  return {
    fg: themeColor('--vscode-foreground', '#cccccc'),
    dim: themeColor('--vscode-descriptionForeground', '#999999'),
    blue: themeColor('--vscode-charts-blue', '#3794ff'),
    red: themeColor('--vscode-charts-red', '#f14c4c'),
    yellow: themeColor('--vscode-charts-yellow', '#cca700'),
    font: `11px ${themeColor('--vscode-font-family', 'sans-serif')}`,
  };
}

export class HistogramView {
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly summary: HTMLElement,
  ) {}

  /** Points of the rows that carry an event time, and how many do not. */
  static points(rows: readonly Row[], tsField: string): { points: TimePoint[]; untimed: number } {
    const points: TimePoint[] = [];
    let untimed = 0;
    for (const r of rows) {
      const et = rowEventTime(r, tsField);
      if (et === undefined) untimed++;
      else points.push({ proc: r.at, event: et, late: r.dlq && isLateRecord(r.doc) });
    }
    return { points, untimed };
  }

  render(rows: readonly Row[], tsField: string, watermarks: readonly WatermarkSample[]): void {
    const { points, untimed } = HistogramView.points(rows, tsField);
    const surface = clearCanvas(this.canvas);
    if (!surface) return;
    const { g, w, h } = surface;
    const bins = binTimes(points, watermarks, COLS, ROWS);
    if (!bins) {
      this.summary.textContent = rows.length === 0 ? 'No rows yet.' : `None of the ${rows.length} rows carries an event time (the source's _ts field or a window).`;
      return;
    }
    this.draw(g, bins, w, h, watermarks);
    this.summary.textContent = this.describe(bins, untimed, watermarks);
  }

  private draw(g: CanvasRenderingContext2D, b: Bins, w: number, h: number, watermarks: readonly WatermarkSample[]): void {
    const { fg, dim, blue: cell, red: late, yellow: wmColor, font } = chartTheme();
    const pw = w - PAD.left - PAD.right;
    const ph = h - PAD.top - PAD.bottom;
    const cw = pw / b.cols;
    const ch = ph / b.rows;
    const logMax = Math.log1p(b.max);
    for (let r = 0; r < b.rows; r++) {
      for (let col = 0; col < b.cols; col++) {
        const i = r * b.cols + col;
        const n = b.counts[i]!;
        if (n === 0) continue;
        g.globalAlpha = 0.25 + 0.75 * (Math.log1p(n) / logMax);
        g.fillStyle = b.late[i]! > 0 ? late : cell;
        g.fillRect(PAD.left + col * cw, PAD.top + ph - (r + 1) * ch, Math.max(1, cw - 0.5), Math.max(1, ch - 0.5));
      }
    }
    g.globalAlpha = 1;
    const toXY = (proc: number, event: number): [number, number] => {
      const { fx, fy } = project(b, proc, event);
      return [PAD.left + fx * pw, PAD.top + ph - fy * ph];
    };
    const line = (pick: (s: WatermarkSample) => number | undefined, color: string, dash: number[]): void => {
      const pts = watermarks.filter((s) => Number.isFinite(pick(s) ?? NaN) && s.at >= b.x0 && s.at <= b.x1);
      if (pts.length === 0) return;
      g.save();
      g.beginPath();
      g.rect(PAD.left, PAD.top, pw, ph);
      g.clip();
      g.strokeStyle = color;
      g.lineWidth = 1.5;
      g.setLineDash(dash);
      g.beginPath();
      // A step line: the watermark holds until the next sample.
      let prevY = 0;
      pts.forEach((s, i) => {
        const [x, y] = toXY(s.at, pick(s)!);
        if (i === 0) g.moveTo(x, y);
        else {
          g.lineTo(x, prevY);
          g.lineTo(x, y);
        }
        prevY = y;
      });
      g.lineTo(PAD.left + pw, prevY);
      g.stroke();
      g.restore();
    };
    line((s) => s.watermark, wmColor, []);
    line((s) => (s.allowedLatenessMs !== undefined ? s.watermark - s.allowedLatenessMs : undefined), wmColor, [4, 3]);
    g.strokeStyle = dim;
    g.lineWidth = 1;
    g.strokeRect(PAD.left, PAD.top, pw, ph);
    g.fillStyle = fg;
    g.font = font;
    const xt = timeTicks(b.x0, b.x1, Math.max(2, Math.floor(pw / 110)));
    g.textAlign = 'center';
    for (const t of xt.ticks) g.fillText(tickLabel(t, xt.step), toXY(t, b.y0)[0], PAD.top + ph + 14);
    g.fillText('processing time (arrival in this panel) →', PAD.left + pw / 2, PAD.top + ph + 28);
    const yt = timeTicks(b.y0, b.y1, Math.max(2, Math.floor(ph / 40)));
    g.textAlign = 'right';
    for (const t of yt.ticks) g.fillText(tickLabel(t, yt.step), PAD.left - 6, toXY(b.x0, t)[1] + 4);
    g.save();
    g.translate(12, PAD.top + ph / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'center';
    g.fillText('event time →', 0, 0);
    g.restore();
  }

  private describe(b: Bins, untimed: number, watermarks: readonly WatermarkSample[]): string {
    const parts = [`${b.total.toLocaleString()} rows by event time`, `${b.lateTotal.toLocaleString()} late (DLQ)`];
    if (b.maxBehindMs > 0) parts.push(`out of order by up to ${formatDuration(b.maxBehindMs)}`);
    const last = watermarks[watermarks.length - 1];
    if (last && Number.isFinite(last.watermark)) {
      parts.push(`watermark ${new Date(last.watermark).toISOString()}`);
      if (last.allowedLatenessMs !== undefined) parts.push(`allowed lateness ${formatDuration(last.allowedLatenessMs)}`);
    }
    if (untimed > 0) parts.push(`${untimed.toLocaleString()} without event time`);
    return parts.join(' · ');
  }
}
