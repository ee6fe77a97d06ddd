/**
 * The pipeline graph's model: one node per top-level stage (source → stages → window → sink),
 * a one-line summary of what each stage reads or writes, the live figures of a run or a
 * started processor merged onto the nodes, and the stage under the editor's cursor. Pure: the
 * host builds it and the webview only draws it; unit-tested under node:test.
 */
import type { LiveStats, WindowLive } from '../../shared/protocol/liveStats';
import type { StageLocation } from '../pipelineFile';

export type NodeKind = 'source' | 'stage' | 'window' | 'sink';

export interface GraphNode {
  /** Top-level pipeline index. */
  index: number;
  /** "$match", or "?" for an element that is not a one-key object. */
  stage: string;
  kind: NodeKind;
  /** What the stage reads or writes, in a few words ("kafka1 · orders", "1 minute"). */
  detail: string;
  /** Stages of a window's inner pipeline, by name. */
  inner?: string[];
}

const SINKS = new Set(['$merge', '$emit', '$https', '$externalFunction', '$out']);
const WINDOWS = new Set(['$tumblingWindow', '$hoppingWindow', '$sessionWindow']);
const DETAIL_CHARS = 40;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function clip(s: string): string {
  return s.length > DETAIL_CHARS ? `${s.slice(0, DETAIL_CHARS - 1)}…` : s;
}

/** `{ size: 1, unit: 'minute' }` → "1 minute". */
function interval(v: unknown): string | undefined {
  const i = obj(v);
  if (!i || (typeof i['size'] !== 'number' && typeof i['size'] !== 'string') || typeof i['unit'] !== 'string') return undefined;
  return `${String(i['size'])} ${i['unit']}`;
}

function joinDefined(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

function detailOf(stage: string, arg: unknown): string {
  const a = obj(arg);
  switch (stage) {
    case '$source': {
      if (!a) return '';
      if (Array.isArray(a['documents'])) return `${a['documents'].length} inline documents`;
      const topic = Array.isArray(a['topic']) ? a['topic'].join(', ') : str(a['topic']);
      return joinDefined([str(a['connectionName']), topic, str(a['db']), str(a['coll'])]);
    }
    case '$merge': {
      const into = obj(a?.['into']);
      return joinDefined([str(into?.['connectionName']), into && str(into['db']) && str(into['coll']) ? `${String(into['db'])}.${String(into['coll'])}` : undefined]);
    }
    case '$emit':
      return joinDefined([str(a?.['connectionName']), str(a?.['topic']), str(a?.['db']), str(a?.['coll'])]);
    case '$tumblingWindow':
      return joinDefined([interval(a?.['interval']), a?.['allowedLateness'] ? `late ≤ ${interval(a['allowedLateness']) ?? '?'}` : undefined]);
    case '$hoppingWindow':
      return joinDefined([interval(a?.['interval']), interval(a?.['hopSize']) ? `hop ${interval(a?.['hopSize'])}` : undefined]);
    case '$sessionWindow':
      return joinDefined([interval(a?.['gap']) ? `gap ${interval(a?.['gap'])}` : undefined, str(a?.['partitionBy'])]);
    case '$validate':
      return str(a?.['validationAction']) ?? '';
    case '$lookup':
      return joinDefined([str(a?.['from'] && obj(a['from'])?.['connectionName']), str(a?.['as'])]);
    case '$https':
    case '$externalFunction':
      return joinDefined([str(a?.['connectionName']), str(a?.['path']), str(a?.['functionName'])]);
    default: {
      const text = JSON.stringify(arg);
      return text === undefined ? '' : clip(text);
    }
  }
}

/** The nodes of a pipeline, in order. */
export function pipelineGraph(pipeline: readonly unknown[]): GraphNode[] {
  return pipeline.map((el, index) => {
    const o = obj(el);
    const keys = o ? Object.keys(o) : [];
    const stage = keys.length === 1 ? keys[0]! : '?';
    const arg = keys.length === 1 ? o![stage] : undefined;
    const kind: NodeKind = index === 0 && stage === '$source' ? 'source' : WINDOWS.has(stage) ? 'window' : SINKS.has(stage) && index === pipeline.length - 1 ? 'sink' : 'stage';
    const node: GraphNode = { index, stage, kind, detail: clip(detailOf(stage, arg)) };
    const innerPipeline = kind === 'window' ? obj(arg)?.['pipeline'] : undefined;
    if (Array.isArray(innerPipeline)) node.inner = innerPipeline.map((s) => Object.keys(obj(s) ?? {})[0] ?? '?');
    return node;
  });
}

/** The top-level stage whose text holds `offset` (the cursor), if any. */
export function stageAt(stages: readonly StageLocation[], offset: number): number | undefined {
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i]!;
    if (offset >= s.offset && offset <= s.offset + s.length) return i;
  }
  return undefined;
}

/** A pane laid out on the window node's little timeline (fractions of its width). */
export interface PaneBar {
  x: number;
  w: number;
  /** Height as a fraction of the fullest pane. */
  h: number;
  docs: number;
  start: number;
  end: number;
}

export interface WindowView {
  panes: PaneBar[];
  paneCount: number;
  /** Where the watermark and the close line (watermark − allowed lateness) fall, as fractions; undefined off the timeline. */
  watermarkX?: number;
  closeX?: number;
  /** The time span drawn. */
  t0: number;
  t1: number;
  allowedLatenessMs: number;
}

/**
 * The window node's timeline: open panes (oldest first) as bars over [first start, last end],
 * widened to take in the watermark and the close line when they lie near it.
 */
export function windowView(w: WindowLive, watermark: number | undefined): WindowView {
  let t0 = Infinity;
  let t1 = -Infinity;
  let most = 0;
  for (const p of w.panes) {
    t0 = Math.min(t0, p.start);
    t1 = Math.max(t1, p.end);
    most = Math.max(most, p.docs);
  }
  const close = w.closedBefore ?? (watermark !== undefined ? watermark - w.allowedLatenessMs : undefined);
  for (const t of [watermark, close]) {
    if (t === undefined || !Number.isFinite(t)) continue;
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
  }
  if (!Number.isFinite(t0)) return { panes: [], paneCount: w.paneCount, t0: 0, t1: 0, allowedLatenessMs: w.allowedLatenessMs };
  if (t1 <= t0) t1 = t0 + 1;
  const span = t1 - t0;
  const at = (t: number): number => (t - t0) / span;
  const view: WindowView = {
    panes: w.panes.map((p) => ({ x: at(p.start), w: (p.end - p.start) / span, h: most > 0 ? p.docs / most : 0, docs: p.docs, start: p.start, end: p.end })),
    paneCount: w.paneCount,
    t0,
    t1,
    allowedLatenessMs: w.allowedLatenessMs,
  };
  if (watermark !== undefined && Number.isFinite(watermark)) view.watermarkX = at(watermark);
  if (close !== undefined && Number.isFinite(close)) view.closeX = at(close);
  return view;
}

/** What a node shows while its pipeline runs. */
export interface NodeLive {
  index: number;
  inCount: number;
  outCount: number;
  dlqCount: number;
  /** "p50 12 µs · p99 80 µs", when the instance timed some documents. */
  latency?: string;
  window?: WindowView;
}

export interface GraphLive {
  name: string;
  state: LiveStats['state'];
  at: number;
  watermark?: number;
  input: number;
  output: number;
  dlq: number;
  nodes: NodeLive[];
}

export function formatMicros(us: number): string {
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1_000_000) return `${(us / 1000).toFixed(us < 10_000 ? 1 : 0)} ms`;
  return `${(us / 1_000_000).toFixed(1)} s`;
}

/** The live figures per node, by top-level index. */
export function liveView(stats: LiveStats): GraphLive {
  const windows = new Map(stats.windows.map((w) => [w.index, w]));
  const nodes = stats.stages.map((s): NodeLive => {
    const n: NodeLive = { index: s.index, inCount: s.inCount, outCount: s.outCount, dlqCount: s.dlqCount };
    if (s.latencySamples && s.latencyP50Us !== undefined && s.latencyP99Us !== undefined) n.latency = `p50 ${formatMicros(s.latencyP50Us)} · p99 ${formatMicros(s.latencyP99Us)}`;
    const w = windows.get(s.index);
    if (w) n.window = windowView(w, stats.watermark);
    return n;
  });
  const live: GraphLive = { name: stats.name, state: stats.state, at: stats.at, input: stats.input, output: stats.output, dlq: stats.dlq, nodes };
  if (stats.watermark !== undefined) live.watermark = stats.watermark;
  return live;
}
