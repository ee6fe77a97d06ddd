/**
 * The pipeline graph inside the webview (bundled by scripts/esbuild.mjs into dist/graph.js):
 * keeps the nodes, the newest live figures and the highlighted stage the host sent, and
 * redraws at most once per animation frame.
 */
import type { GraphLive, GraphNode } from '../graphModel';
import type { FromGraph, ToGraph } from '../messages';
import { byId, webviewApi } from '../../webview/dom';
import { drawGraph } from './draw';

const vscode = webviewApi<FromGraph>();
const canvas = byId('canvas');
const titleEl = byId('title');
const stateEl = byId('state');
const errorEl = byId('error');

let nodes: GraphNode[] = [];
let live: GraphLive | undefined;
let stale = true;
let highlighted: number | undefined;
let queued = false;

function schedule(): void {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    drawGraph(canvas, { nodes, live, stale, highlighted, onClick: (index) => vscode.postMessage({ type: 'reveal', index }) });
    canvas.querySelector('.node.current')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
}

function describe(label: string, l: GraphLive): string {
  const parts = [label, `in ${l.input.toLocaleString()}`, `out ${l.output.toLocaleString()}`, `DLQ ${l.dlq.toLocaleString()}`];
  if (l.watermark !== undefined) parts.push(`watermark ${new Date(l.watermark).toISOString()}`);
  parts.push(`at ${new Date(l.at).toISOString().slice(11, 19)}`);
  return parts.join(' · ');
}

window.addEventListener('message', (ev: MessageEvent<ToGraph>) => {
  const m = ev.data;
  switch (m.type) {
    case 'graph':
      nodes = m.nodes;
      titleEl.textContent = m.file;
      errorEl.textContent = m.error ?? '';
      errorEl.classList.toggle('hidden', m.error === undefined);
      break;
    case 'live':
      live = m.live;
      stale = m.live.state === 'ended';
      stateEl.textContent = describe(m.label, m.live);
      break;
    case 'idle':
      stale = true;
      stateEl.textContent = live ? `${m.reason} (last counts shown dimmed)` : m.reason;
      break;
    case 'highlight':
      highlighted = m.index;
      break;
  }
  schedule();
});

vscode.postMessage({ type: 'ready' });
