/** Messages between the extension host and the pipeline graph webview (both sides import these types). */
import type { GraphLive, GraphNode } from './graphModel';

/** Host -> webview. */
export type ToGraph =
  /** The file's stages (sent again after each edit); `error` when the file does not parse. */
  | { type: 'graph'; file: string; nodes: GraphNode[]; error?: string }
  /** Live figures of the Run, Debug or started processor of this file, about once a second. */
  | { type: 'live'; live: GraphLive; label: string }
  /** Nothing of this file is running (the counts stay, dimmed). */
  | { type: 'idle'; reason: string }
  /** The stage under the editor's cursor. */
  | { type: 'highlight'; index?: number };

/** Webview -> host. */
export type FromGraph = { type: 'ready' } | { type: 'reveal'; index: number };
