/** The "ASP Output" webview panel: receives run output from the host and keeps it flowing. */
import * as vscode from 'vscode';
import type { EJsonDoc, RunEndedParams, StageTrace } from '../../shared/protocol';
import { OutputBatcher } from './batcher';
import { panelHtml } from './html';
import type { FromWebview, ToWebview } from './messages';

export interface PanelHandlers {
  gotoStage(run: string, index: number, innerIndex?: number): void;
  stop(run: string): void;
  saveAsTest(run: string): void;
}

export class OutputPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** Control messages sent before the webview said it was ready. */
  private early: ToWebview[] = [];
  private readonly batcher: OutputBatcher;
  /** Rows posted per run, for tests and the status bar. */
  readonly posted = new Map<string, number>();
  private readonly onDidPostEmitter = new vscode.EventEmitter<{ run: string; rows: number }>();
  readonly onDidPost = this.onDidPostEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly maxRows: () => number,
    private readonly handlers: PanelHandlers,
  ) {
    this.batcher = new OutputBatcher((b) => {
      const msg: ToWebview = { type: 'rows', run: b.run, docs: b.docs };
      if (b.dlqStages) msg.dlqStages = b.dlqStages;
      this.send(msg);
      this.posted.set(b.run, (this.posted.get(b.run) ?? 0) + b.docs.length);
      this.onDidPostEmitter.fire({ run: b.run, rows: b.docs.length });
    });
  }

  /** Opens (or reveals) the panel beside the editor without taking focus. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(
      'asp.output',
      'ASP Output',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [root] },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    const wv = panel.webview;
    wv.html = panelHtml({
      scriptUri: wv.asWebviewUri(vscode.Uri.joinPath(root, 'panel.js')).toString(),
      styleUri: wv.asWebviewUri(vscode.Uri.joinPath(root, 'panel.css')).toString(),
      cspSource: wv.cspSource,
    });
    wv.onDidReceiveMessage((m: FromWebview) => this.onMessage(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.early = [];
    });
    this.panel = panel;
    this.ready = false;
    this.early = [{ type: 'config', maxRows: this.maxRows() }];
  }

  get isVisible(): boolean {
    return this.panel?.visible ?? false;
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const early = this.early;
        this.early = [];
        for (const msg of early) void this.panel?.webview.postMessage(msg);
        break;
      }
      case 'export': {
        const target = await vscode.window.showSaveDialog({
          filters: { 'Newline-delimited JSON': ['ndjson', 'jsonl'] },
          saveLabel: `Export ${m.rows} rows`,
        });
        if (target) {
          await vscode.workspace.fs.writeFile(target, Buffer.from(m.ndjson, 'utf8'));
          void vscode.window.showInformationMessage(`Exported ${m.rows} rows to ${vscode.workspace.asRelativePath(target)}.`);
        }
        break;
      }
      case 'gotoStage':
        this.handlers.gotoStage(m.run, m.index, m.innerIndex);
        break;
      case 'stop':
        this.handlers.stop(m.run);
        break;
      case 'saveAsTest':
        this.handlers.saveAsTest(m.run);
        break;
    }
  }

  private send(msg: ToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.early.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  beginRun(run: string, label: string, debug: boolean, sinks: string): void {
    this.show();
    this.posted.set(run, 0);
    this.send({ type: 'run', run, label, debug, sinks });
  }

  append(run: string, docs: EJsonDoc[], dlqStages?: Record<number, number>): void {
    this.batcher.push(run, docs, dlqStages);
  }

  endRun(p: RunEndedParams): void {
    this.batcher.flush();
    const msg: ToWebview = { type: 'end', run: p.name, reason: p.reason, counts: p.counts };
    if (p.error !== undefined) msg.error = p.error;
    this.send(msg);
  }

  showTrace(run: string, stages: StageTrace[]): void {
    this.show();
    this.send({ type: 'trace', run, stages });
  }

  clear(): void {
    this.send({ type: 'clear' });
  }

  dispose(): void {
    this.batcher.dispose();
    this.panel?.dispose();
    this.onDidPostEmitter.dispose();
  }
}
