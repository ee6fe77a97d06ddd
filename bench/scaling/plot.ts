/**
 * The scaling figures as a picture: four small charts drawn as SVG by hand from the JSON the
 * benchmark wrote, and a PNG of that SVG taken by headless Chromium when it is installed.
 * `node out/bench/scaling/plot.js [docs/images/scaling.json]` re-renders from a saved run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ScalingData {
  measuredAt: string;
  node: string;
  keys: { openKeys: number; docsPerSec: number; runs: number[]; bytesPerOpenKey: number; checkpointBytes: number; checkpointStallMs: number[] }[];
  stages: { stages: number; docsPerSec: number; runs: number[] }[];
}

interface Series {
  label: string;
  color: string;
  points: [number, number][];
}

interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  series: Series[];
  format: (y: number) => string;
}

const W = 460;
const H = 300;
const M = { l: 70, r: 20, t: 34, b: 46 };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Short human numbers: 1.2M, 350k, 42. */
export function human(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${+(n / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(n / 1e3).toPrecision(3)}k`;
  return `${+n.toPrecision(3)}`;
}

function scale(lo: number, hi: number, log: boolean, from: number, to: number): (v: number) => number {
  const f = (v: number): number => (log ? Math.log10(v) : v);
  const a = f(lo);
  const b = f(hi) === a ? a + 1 : f(hi);
  return (v) => from + ((f(v) - a) / (b - a)) * (to - from);
}

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out;
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const n = Math.ceil((hi - lo) / step / 5) || 1;
  const out: number[] = [];
  for (let v = Math.floor(lo / (step * n)) * step * n; v <= hi + 1e-9; v += step * n) out.push(v);
  return out;
}

function chart(c: Chart, ox: number, oy: number): string {
  const xs = c.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = c.series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => !c.logY || y > 0);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (c.logY) [y0, y1] = [10 ** Math.floor(Math.log10(y0)), 10 ** Math.ceil(Math.log10(y1))];
  else [y0, y1] = [0, y1 * 1.15];
  if (!c.logX) [x0, x1] = [0, x1 * 1.05];
  const sx = scale(x0, x1, c.logX, ox + M.l, ox + W - M.r);
  const sy = scale(y0, y1, c.logY, oy + H - M.b, oy + M.t);
  const out: string[] = [`<text x="${ox + W / 2}" y="${oy + 20}" class="title">${esc(c.title)}</text>`];
  for (const t of ticks(y0, y1, c.logY)) {
    if (t < y0 || t > y1) continue;
    out.push(`<line x1="${ox + M.l}" x2="${ox + W - M.r}" y1="${sy(t)}" y2="${sy(t)}" class="grid"/>`, `<text x="${ox + M.l - 6}" y="${sy(t) + 4}" class="ytick">${esc(c.format(t))}</text>`);
  }
  const xt = c.logX ? ticks(x0, x1, true).filter((t) => t >= x0 && t <= x1) : [...new Set(xs)];
  for (const t of xt) out.push(`<text x="${sx(t)}" y="${oy + H - M.b + 16}" class="xtick">${esc(human(t))}</text>`);
  out.push(
    `<line x1="${ox + M.l}" x2="${ox + W - M.r}" y1="${oy + H - M.b}" y2="${oy + H - M.b}" class="axis"/>`,
    `<line x1="${ox + M.l}" x2="${ox + M.l}" y1="${oy + M.t}" y2="${oy + H - M.b}" class="axis"/>`,
    `<text x="${ox + (M.l + W - M.r) / 2}" y="${oy + H - 8}" class="label">${esc(c.xLabel)}</text>`,
    `<text x="${ox + 14}" y="${oy + (M.t + H - M.b) / 2}" class="label" transform="rotate(-90 ${ox + 14} ${oy + (M.t + H - M.b) / 2})">${esc(c.yLabel)}</text>`,
  );
  c.series.forEach((s, i) => {
    const pts = s.points.filter((p) => !c.logY || p[1] > 0);
    out.push(`<polyline points="${pts.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of pts) {
      out.push(`<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3.5" fill="${s.color}"/>`, `<text x="${sx(p[0]).toFixed(1)}" y="${(sy(p[1]) - 8).toFixed(1)}" class="value" fill="${s.color}">${esc(c.format(p[1]))}</text>`);
    }
    if (c.series.length > 1) out.push(`<text x="${ox + M.l + 8}" y="${oy + M.t + 14 + i * 14}" class="legend" fill="${s.color}">${esc(s.label)}</text>`);
  });
  return out.join('\n');
}

export function scalingSvg(d: ScalingData): string {
  const keys = (f: (k: ScalingData['keys'][number]) => number): [number, number][] => d.keys.map((k) => [k.openKeys, f(k)]);
  const charts: Chart[] = [
    { title: 'Tumbling $group throughput vs open keys', xLabel: 'open keys', yLabel: 'docs per CPU-second', logX: true, logY: false, format: human, series: [{ label: 'throughput', color: '#1f6feb', points: keys((k) => k.docsPerSec) }] },
    {
      title: 'Memory and checkpoint size vs open keys', xLabel: 'open keys', yLabel: 'bytes', logX: true, logY: true, format: (y) => `${human(y)}B`,
      series: [
        { label: 'checkpoint size', color: '#8250df', points: keys((k) => k.checkpointBytes) },
        { label: 'heap held by the window', color: '#bf8700', points: keys((k) => k.bytesPerOpenKey * k.openKeys) },
      ],
    },
    {
      title: 'Checkpoint stall vs open keys', xLabel: 'open keys', yLabel: 'ms the pipeline stood still', logX: true, logY: true, format: (y) => `${human(y)} ms`,
      series: [{ label: 'worst stall', color: '#cf222e', points: keys((k) => Math.max(...k.checkpointStallMs, 0.01)) }],
    },
    { title: 'Throughput vs pipeline length (1k keys)', xLabel: 'stages (stateless stages + the window)', yLabel: 'docs per CPU-second', logX: false, logY: false, format: human, series: [{ label: 'throughput', color: '#1a7f37', points: d.stages.map((s) => [s.stages, s.docsPerSec]) }] },
  ];
  const body = charts.map((c, i) => chart(c, (i % 2) * W, 30 + Math.floor(i / 2) * H)).join('\n');
  const note = `ASP Studio scaling benchmark, ${d.measuredAt.slice(0, 10)}, Node ${d.node}; npm run bench -- --only scaling --json`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H + 40}" viewBox="0 0 ${2 * W} ${2 * H + 40}" font-family="DejaVu Sans, Arial, sans-serif">`,
    '<style>.title{font-size:14px;font-weight:bold;text-anchor:middle}.label{font-size:11px;text-anchor:middle;fill:#444}.xtick{font-size:10px;text-anchor:middle;fill:#444}.ytick{font-size:10px;text-anchor:end;fill:#444}.value{font-size:10px;text-anchor:middle}.legend{font-size:11px;text-anchor:start}.grid{stroke:#e5e5e5}.axis{stroke:#888}</style>',
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${W}" y="20" class="title" style="font-size:12px;font-weight:normal">${esc(note)}</text>`,
    body,
    '</svg>',
  ].join('\n');
}

/** Write scaling.svg and (with Chromium) scaling.png into `dir`; returns what happened to the PNG. */
export function renderPlots(d: ScalingData, dir: string): string {
  const svgFile = path.join(dir, 'scaling.svg');
  const svg = scalingSvg(d);
  writeFileSync(svgFile, svg + '\n');
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((c) => existsSync(c));
  if (!chromium) return 'skipped: no chromium (the SVG was written)';
  const size = /width="(\d+)" height="(\d+)"/.exec(svg)!;
  const png = path.join(dir, 'scaling.png');
  const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${size[1]},${size[2]}`, `--screenshot=${png}`, pathToFileURL(svgFile).href], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.status !== 0 || !existsSync(png)) return `failed: chromium exited ${r.status}: ${r.stderr?.toString().trim().slice(-300)}`;
  return 'written';
}

if (require.main === module) {
  const file = process.argv[2] ?? path.join(__dirname, '..', '..', '..', 'docs', 'images', 'scaling.json');
  const d = JSON.parse(readFileSync(file, 'utf8')) as ScalingData;
  process.stdout.write(`png: ${renderPlots(d, path.dirname(file))}\n`);
}
