/**
 * The "ASP Pipeline Graph" webview beside the editor: the stages of one .asp.json file as
 * nodes, with the live counts of its Run or Debug (asp/runProgress, pushed about once a second)
 * or of its started processor (asp/getLiveStats, asked once a second while the graph is
 * visible). A click on a node reveals the stage; the cursor in the editor highlights its node.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiveStats } from '../../shared/protocol/liveStats';
import { processorNameFor, readPipelineFile, type PipelineFile, type StageLocation } from '../pipelineFile';
import { liveView, pipelineGraph, stageAt, type GraphLive, type GraphNode } from './graphModel';
import { graphHtml } from './html';
import { openPage } from '../webviewPanel';
import type { FromGraph, ToGraph } from './messages';

const POLL_MS = 1000;
const REPARSE_MS = 300;

export interface GraphDeps {
  /** The newest Run or Debug of a file, ended or not. */
  runOf(uri: vscode.Uri): { name: string; debug: boolean; ended: boolean } | undefined;
  /** asp/getLiveStats on the local instance (rejects when nothing of that name runs). */
  liveStats(name: string): Promise<LiveStats>;
  onRunProgress: vscode.Event<LiveStats>;
}

export class GraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private early: ToGraph[] = [];
  private uri: vscode.Uri | undefined;
  private file: PipelineFile | undefined;
  private stages: StageLocation[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private reparse: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  /** Where the counts on screen came from, so a failed processor poll does not wipe a finished run's. */
  private liveFrom: 'run' | 'processor' | undefined;
  private idleSent = false;
  private readonly subs: vscode.Disposable[] = [];
  /** What the graph shows, for tests. */
  nodes: GraphNode[] = [];
  lastLive: GraphLive | undefined;
  highlighted: number | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: GraphDeps,
  ) {
    this.subs.push(
      deps.onRunProgress((s) => this.onProgress(s)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.uri || e.document.uri.toString() !== this.uri.toString()) return;
        clearTimeout(this.reparse);
        this.reparse = setTimeout(() => this.load(e.document), REPARSE_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.uri || e.textEditor.document.uri.toString() !== this.uri.toString()) return;
        this.highlight(stageAt(this.stages, e.textEditor.document.offsetAt(e.selections[0]!.active)));
      }),
    );
  }

  get fileUri(): vscode.Uri | undefined {
    return this.uri;
  }

  /** Shows the graph of `document` (opening the panel beside the editor if needed). */
  show(document: vscode.TextDocument): void {
    this.open();
    if (this.uri?.toString() !== document.uri.toString()) {
      this.uri = document.uri;
      this.lastLive = undefined;
      this.liveFrom = undefined;
      this.idleSent = false;
    }
    this.panel!.title = `Graph: ${path.basename(document.uri.fsPath)}`;
    this.load(document);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    if (editor) this.highlight(stageAt(this.stages, document.offsetAt(editor.selection.active)));
    void this.tick();
  }

  private open(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = openPage(this.extensionUri, { viewType: 'asp.graph', title: 'ASP Pipeline Graph', bundle: 'graph', html: (a) => graphHtml(a) });
    panel.webview.onDidReceiveMessage((m: FromGraph) => void this.onMessage(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.early = [];
      clearInterval(this.timer);
      this.timer = undefined;
    });
    this.panel = panel;
    this.timer = setInterval(() => void this.tick(), POLL_MS);
  }

  private send(msg: ToGraph): void {
    if (!this.panel) return;
    if (!this.ready) {
      // Only the newest of each kind matters once the page is ready.
      this.early = this.early.filter((m) => m.type !== msg.type);
      this.early.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  private async onMessage(m: FromGraph): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      for (const e of this.early.splice(0)) void this.panel?.webview.postMessage(e);
      return;
    }
    if (m.type === 'reveal') await this.reveal(m.index);
  }

  private load(document: vscode.TextDocument): void {
    const r = readPipelineFile(document.getText());
    const file = path.basename(document.uri.fsPath);
    if (!r.ok) {
      const pos = document.positionAt(r.offset);
      // Keep the last good nodes on screen while the user types.
      this.send({ type: 'graph', file, nodes: this.nodes, error: `${file}:${pos.line + 1}:${pos.character + 1}: ${r.message}` });
      return;
    }
    this.file = r.file;
    this.stages = r.file.stages;
    this.nodes = pipelineGraph(r.file.pipeline);
    this.send({ type: 'graph', file, nodes: this.nodes });
  }

  private highlight(index: number | undefined): void {
    if (index === this.highlighted) return;
    this.highlighted = index;
    const msg: ToGraph = { type: 'highlight' };
    if (index !== undefined) msg.index = index;
    this.send(msg);
  }

  /** Selects stage `index` in the editor that shows the file (the first column when none does). */
  async reveal(index: number): Promise<void> {
    if (!this.uri) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const range = this.stages[index];
    if (!range) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri!.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    const start = doc.positionAt(range.offset);
    editor.selection = new vscode.Selection(start, doc.positionAt(range.offset + range.length));
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private isOurs(name: string): boolean {
    return this.uri !== undefined && this.deps.runOf(this.uri)?.name === name;
  }

  private onProgress(stats: LiveStats): void {
    if (!this.panel || !this.isOurs(stats.name)) return;
    const run = this.deps.runOf(this.uri!)!;
    this.post(stats, `${run.debug ? 'Debug' : 'Run'} ${stats.name}`, 'run');
  }

  private post(stats: LiveStats, label: string, from: 'run' | 'processor'): void {
    this.lastLive = liveView(stats);
    this.liveFrom = from;
    this.idleSent = false;
    this.send({ type: 'live', live: this.lastLive, label: stats.state === 'ended' ? `${label} (ended)` : label });
  }

  /** Once a second: a running Run pushes its own figures; otherwise ask for the file's processor. */
  private async tick(): Promise<void> {
    if (!this.panel || !this.uri || !this.file || this.polling) return;
    const run = this.deps.runOf(this.uri);
    if (run && !run.ended) return;
    if (!this.panel.visible) return;
    const name = processorNameFor(this.file, this.uri.fsPath);
    this.polling = true;
    try {
      const stats = await this.deps.liveStats(name);
      this.post(stats, `processor ${name}`, 'processor');
    } catch {
      // Not started (or not created): the usual case for a file being edited.
      if (this.liveFrom === 'run' || this.idleSent) return;
      this.idleSent = true;
      this.liveFrom = undefined;
      this.send({ type: 'idle', reason: `Not running. Run or Debug the file, or start processor ${name}, to see live counts.` });
    } finally {
      this.polling = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    clearTimeout(this.reparse);
    for (const s of this.subs) s.dispose();
    this.panel?.dispose();
  }
}
