/**
 * Draws the pipeline graph as SVG: stages left to right with the documents flowing between
 * them, the DLQ as a node below with an edge from every stage (each stage sends the documents
 * it fails on there; the edge is red with its count once some did), and window nodes with
 * their open panes, the watermark and the close line (watermark − allowed lateness) on a
 * small event-time timeline. Text goes in through textContent only.
 */
import type { GraphLive, GraphNode, NodeLive, WindowView } from '../graphModel';
import { svg } from '../../webview/dom';

const NODE_W = 190;
const NODE_H = 92;
const WINDOW_H = 170;
const GAP = 56;
const PAD = 16;
const DLQ_GAP = 72;
const DLQ_W = 150;
const DLQ_H = 40;
const LINE = 16;

export interface DrawOptions {
  nodes: readonly GraphNode[];
  live: GraphLive | undefined;
  /** Counts from a run that ended or a processor that stopped: drawn dimmed. */
  stale: boolean;
  highlighted: number | undefined;
  onClick(index: number): void;
}

function n(v: number): string {
  return v.toLocaleString();
}

function text(parent: SVGElement, x: number, y: number, value: string, cls: string): SVGTextElement {
  const t = svg('text', { x, y }, cls);
  t.textContent = value;
  parent.appendChild(t);
  return t;
}

function timeOfDay(t: number): string {
  return new Date(t).toISOString().slice(11, 19);
}

function drawTimeline(g: SVGGElement, x: number, y: number, w: number, h: number, v: WindowView): void {
  g.appendChild(svg('rect', { x, y, width: w, height: h, rx: 2 }, 'timeline'));
  for (const p of v.panes) {
    const bh = Math.max(2, p.h * (h - 4));
    const bar = svg('rect', { x: x + p.x * w, y: y + h - 2 - bh, width: Math.max(2, p.w * w - 1), height: bh }, 'pane');
    const title = svg('title');
    title.textContent = `${timeOfDay(p.start)}–${timeOfDay(p.end)}: ${n(p.docs)} documents`;
    bar.appendChild(title);
    g.appendChild(bar);
  }
  if (v.closeX !== undefined) g.appendChild(svg('line', { x1: x + v.closeX * w, x2: x + v.closeX * w, y1: y - 3, y2: y + h + 3 }, 'close-line'));
  if (v.watermarkX !== undefined) g.appendChild(svg('line', { x1: x + v.watermarkX * w, x2: x + v.watermarkX * w, y1: y - 3, y2: y + h + 3 }, 'wm-line'));
}

function drawNode(root: SVGSVGElement, node: GraphNode, live: NodeLive | undefined, x: number, y: number, h: number, o: DrawOptions): void {
  const g = svg('g', { transform: `translate(${x},${y})`, 'data-index': node.index, tabindex: 0, role: 'button' }, `node ${node.kind}${o.highlighted === node.index ? ' current' : ''}${live && live.dlqCount > 0 ? ' has-dlq' : ''}`);
  const title = svg('title');
  title.textContent = `Stage ${node.index}: ${node.stage}. Click to reveal it in the editor.`;
  g.appendChild(title);
  g.appendChild(svg('rect', { width: NODE_W, height: h, rx: 6 }, 'box'));
  text(g, 10, 20, node.stage, 'stage-name');
  text(g, NODE_W - 10, 20, `#${node.index}`, 'stage-index');
  let line = 20 + LINE;
  if (node.detail) {
    text(g, 10, line, node.detail, 'detail');
    line += LINE;
  }
  if (node.inner && node.inner.length > 0) {
    text(g, 10, line, `[ ${node.inner.join(' → ')} ]`, 'detail');
    line += LINE;
  }
  if (live) {
    text(g, 10, line, `in ${n(live.inCount)} · out ${n(live.outCount)}`, 'counts');
    line += LINE;
    text(g, 10, line, `DLQ ${n(live.dlqCount)}`, live.dlqCount > 0 ? 'counts dlq' : 'counts');
    if (live.latency) text(g, NODE_W - 10, line, live.latency, 'latency');
    line += LINE;
  } else {
    text(g, 10, line, 'in – · out –', 'counts none');
    line += LINE;
  }
  const wv = live?.window;
  if (node.kind === 'window' && wv) {
    const tl = { x: 10, y: line, w: NODE_W - 20, h: Math.max(24, h - line - 22) };
    drawTimeline(g, tl.x, tl.y, tl.w, tl.h, wv);
    const caption = `${n(wv.paneCount)} open pane${wv.paneCount === 1 ? '' : 's'}${wv.watermarkX !== undefined && o.live?.watermark !== undefined ? ` · wm ${timeOfDay(o.live.watermark)}` : ''}`;
    text(g, 10, h - 8, caption, 'detail');
  }
  g.addEventListener('click', () => o.onClick(node.index));
  g.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') o.onClick(node.index);
  });
  root.appendChild(g);
}

function arrowDefs(root: SVGSVGElement): void {
  const defs = svg('defs');
  for (const id of ['arrow', 'arrow-dlq']) {
    const m = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    m.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }, id));
    defs.appendChild(m);
  }
  root.appendChild(defs);
}

/** Replaces the content of `host` with the graph. */
export function drawGraph(host: HTMLElement, o: DrawOptions): void {
  const byIndex = new Map((o.live?.nodes ?? []).map((l) => [l.index, l]));
  const hasWindow = o.nodes.some((x) => x.kind === 'window');
  const h = hasWindow ? WINDOW_H : NODE_H;
  const width = PAD * 2 + o.nodes.length * NODE_W + Math.max(0, o.nodes.length - 1) * GAP;
  const dlqY = PAD + h + DLQ_GAP;
  const height = dlqY + DLQ_H + PAD;
  const root = svg('svg', { width: Math.max(width, DLQ_W + PAD * 2), height, viewBox: `0 0 ${Math.max(width, DLQ_W + PAD * 2)} ${height}` }, o.stale ? 'graph stale' : 'graph');
  arrowDefs(root);
  const xOf = (i: number): number => PAD + i * (NODE_W + GAP);
  const dlqX = Math.max(PAD, width / 2 - DLQ_W / 2);
  // Edges first, so the nodes sit on top of them.
  for (let i = 0; i + 1 < o.nodes.length; i++) {
    const x1 = xOf(i) + NODE_W;
    const x2 = xOf(i + 1);
    const y = PAD + NODE_H / 2;
    root.appendChild(svg('line', { x1, y1: y, x2: x2 - 2, y2: y, 'marker-end': 'url(#arrow)' }, 'edge'));
    const out = byIndex.get(i)?.outCount;
    if (out !== undefined) text(root, (x1 + x2) / 2, y - 6, n(out), 'edge-label');
  }
  for (const node of o.nodes) {
    const dlq = byIndex.get(node.index)?.dlqCount ?? 0;
    const sx = xOf(node.index) + NODE_W / 2;
    const sy = PAD + h;
    const tx = dlqX + DLQ_W / 2 + (node.index - (o.nodes.length - 1) / 2) * Math.min(18, DLQ_W / Math.max(1, o.nodes.length));
    const ty = dlqY;
    const my = (sy + ty) / 2;
    root.appendChild(svg('path', { d: `M ${sx} ${sy} C ${sx} ${my}, ${tx} ${my}, ${tx} ${ty - 2}`, 'marker-end': dlq > 0 ? 'url(#arrow-dlq)' : '' }, dlq > 0 ? 'dlq-edge active' : 'dlq-edge'));
    if (dlq > 0) text(root, (sx + tx) / 2 + 4, my, n(dlq), 'edge-label dlq');
  }
  for (const node of o.nodes) drawNode(root, node, byIndex.get(node.index), xOf(node.index), PAD, h, o);
  const dlqBox = svg('g', { transform: `translate(${dlqX},${dlqY})` }, `node dlq-node${(o.live?.dlq ?? 0) > 0 ? ' has-dlq' : ''}`);
  dlqBox.appendChild(svg('rect', { width: DLQ_W, height: DLQ_H, rx: 6 }, 'box'));
  text(dlqBox, 10, 25, o.live ? `DLQ · ${n(o.live.dlq)}` : 'DLQ', 'stage-name');
  root.appendChild(dlqBox);
  host.textContent = '';
  host.appendChild(root);
}
