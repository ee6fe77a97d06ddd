/** Processors view: the processors of the selected target (the local instance by default), refreshed live. */
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { type Ctx } from '../ctx';
import { errorMessage } from '../../engine/core/errors';

const STATE_ICONS: Record<P.ProcessorState, vscode.ThemeIcon> = {
  CREATED: new vscode.ThemeIcon('circle-outline'),
  STARTED: new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('testing.iconPassed')),
  STOPPED: new vscode.ThemeIcon('debug-stop'),
  FAILED: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

export class ProcessorItem extends vscode.TreeItem {
  constructor(readonly processor: P.ProcessorInfo) {
    super(processor.name, vscode.TreeItemCollapsibleState.None);
    const c = processor.counts;
    this.description = c ? `${processor.state} · in ${c.input} · out ${c.output} · DLQ ${c.dlq}` : processor.state;
    this.contextValue = `processor:${processor.state}`;
    this.iconPath = STATE_ICONS[processor.state] ?? new vscode.ThemeIcon('circle-outline');
    const tip = new vscode.MarkdownString(`**${processor.name}** — ${processor.state}`);
    if (processor.errorMsg) tip.appendMarkdown(`\n\n${processor.errorMsg}`);
    if (processor.lastStateChange) tip.appendMarkdown(`\n\nSince ${processor.lastStateChange}`);
    this.tooltip = tip;
    this.command = { command: 'asp.stats', title: 'Show Stats', arguments: [this] };
  }
}

class MessageItem extends vscode.TreeItem {
  constructor(label: string, icon: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
  }
}

export class ProcessorsView implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private poll: NodeJS.Timeout | undefined;
  /** The last list shown, for tests and the status bar. */
  last: P.ProcessorInfo[] = [];

  constructor(private readonly ctx: Ctx) {
    ctx.extCleanup(
      this.changed,
      ctx.onStateChanged(() => this.changed.fire()),
      ctx.onEngineStarted(() => this.changed.fire()),
      ctx.onRefresh((v) => v === 'processors' && this.changed.fire()),
      { dispose: () => this.poll && clearTimeout(this.poll) },
    );
  }

  getTreeItem(e: vscode.TreeItem): vscode.TreeItem {
    return e;
  }

  async getChildren(): Promise<vscode.TreeItem[]> {
    if (this.poll) clearTimeout(this.poll);
    this.poll = undefined;
    try {
      const { streamProcessors } = await this.ctx.processorsRpc(P.listStreamProcessors, {});
      this.last = streamProcessors;
      // Counters move while something runs; state changes arrive as notifications anyway.
      if (streamProcessors.some((p) => p.state === 'STARTED')) {
        this.poll = setTimeout(() => this.changed.fire(), this.ctx.config.processorsPollMs);
      }
      return streamProcessors.map((p) => new ProcessorItem(p));
    } catch (e) {
      const target = this.ctx.targets.selected;
      return [new MessageItem(`${target === 'local' ? 'Local instance' : `Target ${target}`} unavailable: ${errorMessage(e)}`, 'warning')];
    }
  }
}
