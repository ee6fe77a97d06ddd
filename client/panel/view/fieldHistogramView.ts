/**
 * The Histogram tab when a numeric field is chosen: one bar per value bin over the rows shown
 * (DLQ records read their input document), with the mean marked and the rows that carry no
 * number at that field counted in the summary.
 */
import type { Row } from '../store';
import { edgeLabel, fieldBins } from '../fieldHistogram';
import { chartTheme, clearCanvas } from './histogramView';
import { rowDoc } from './tableView';

const PAD = { left: 56, right: 16, top: 12, bottom: 34 };
const BINS = 30;

export class FieldHistogramView {
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly summary: HTMLElement,
  ) {}

  render(rows: readonly Row[], field: string): void {
    const surface = clearCanvas(this.canvas);
    if (!surface) return;
    const { g, w, h } = surface;
    const b = fieldBins(rows.map(rowDoc), field, BINS);
    if (!b) {
      this.summary.textContent = rows.length === 0 ? 'No rows yet.' : `None of the ${rows.length.toLocaleString()} rows has a number at ${field}.`;
      return;
    }
    const { fg, dim, blue: bar, yellow: meanColor, font } = chartTheme();
    const pw = w - PAD.left - PAD.right;
    const ph = h - PAD.top - PAD.bottom;
    const bw = pw / b.counts.length;
    g.fillStyle = bar;
    b.counts.forEach((n, i) => {
      if (n === 0) return;
      const bh = (n / b.max) * ph;
      g.fillRect(PAD.left + i * bw, PAD.top + ph - bh, Math.max(1, bw - 1), bh);
    });
    const span = b.width * b.counts.length;
    const mx = PAD.left + ((b.mean - b.lo) / span) * pw;
    g.strokeStyle = meanColor;
    g.lineWidth = 1.5;
    g.setLineDash([4, 3]);
    g.beginPath();
    g.moveTo(mx, PAD.top);
    g.lineTo(mx, PAD.top + ph);
    g.stroke();
    g.setLineDash([]);
    g.strokeStyle = dim;
    g.lineWidth = 1;
    g.strokeRect(PAD.left, PAD.top, pw, ph);
    g.fillStyle = fg;
    g.font = font;
    g.textAlign = 'center';
    // Label every k-th edge so labels do not overlap.
    const every = Math.max(1, Math.ceil(b.counts.length / Math.max(2, Math.floor(pw / 70))));
    for (let i = 0; i <= b.counts.length; i += every) g.fillText(edgeLabel(b.lo + i * b.width, b.width), PAD.left + i * bw, PAD.top + ph + 14);
    g.fillText(`${field} →`, PAD.left + pw / 2, PAD.top + ph + 28);
    g.textAlign = 'right';
    g.fillText(b.max.toLocaleString(), PAD.left - 6, PAD.top + 10);
    g.fillText('0', PAD.left - 6, PAD.top + ph);
    const parts = [`${b.numbers.toLocaleString()} rows with a number at ${field}`, `min ${b.min}`, `max ${b.maxValue}`, `mean ${Number(b.mean.toPrecision(6))}`, `bins of ${edgeLabel(b.width, b.width)}`];
    if (b.other > 0) parts.push(`${b.other.toLocaleString()} without one`);
    this.summary.textContent = parts.join(' · ');
  }
}
