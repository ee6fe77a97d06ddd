/** Dead Letter Queue view: entries per processor with reason and operator; open or jump to the stage. */
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { type Ctx } from '../ctx';
import { errorMessage } from '../../engine/core/errors';

export class DlqGroupItem extends vscode.TreeItem {
  constructor(
    readonly processorName: string,
    readonly entries: P.DlqEntry[],
  ) {
    super(processorName, vscode.TreeItemCollapsibleState.Expanded);
    this.description = `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`;
    this.iconPath = new vscode.ThemeIcon('server-process');
    this.contextValue = 'dlqProcessor';
  }
}

export class DlqItem extends vscode.TreeItem {
  constructor(readonly entry: P.DlqEntry) {
    super(entry.record.errInfo?.reason ?? 'error', vscode.TreeItemCollapsibleState.None);
    const stage = entry.stageIndex !== undefined ? ` · stage ${entry.stageIndex}` : '';
    this.description = `${entry.record.operatorName ?? ''}${stage}`;
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    this.contextValue = 'dlqEntry';
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${entry.record.operatorName ?? 'operator'}**: ${entry.record.errInfo?.reason ?? ''}\n\n`);
    tip.appendCodeblock(JSON.stringify(entry.record.doc ?? null, null, 2).slice(0, 2000), 'json');
    this.tooltip = tip;
    this.command = { command: 'asp.dlq.open', title: 'Open as JSON', arguments: [this] };
  }
}

export class DlqView implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The entries shown last, for tests. */
  last: P.DlqEntry[] = [];

  constructor(private readonly ctx: Ctx) {
    ctx.extCleanup(
      this.changed,
      ctx.onStateChanged(() => this.changed.fire()),
      ctx.onEngineStarted(() => this.changed.fire()),
      ctx.onRunEnded(() => this.changed.fire()),
      ctx.onRefresh((v) => (v === 'dlq' || v === 'processors') && this.changed.fire()),
    );
  }

  getTreeItem(e: vscode.TreeItem): vscode.TreeItem {
    return e;
  }

  async getChildren(parent?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    if (parent instanceof DlqGroupItem) return parent.entries.map((e) => new DlqItem(e));
    try {
      const { entries } = await this.ctx.rpc(P.listDlq, { limit: 500 });
      this.last = entries;
      const groups = new Map<string, P.DlqEntry[]>();
      for (const e of entries) groups.set(e.processorName, [...(groups.get(e.processorName) ?? []), e]);
      return [...groups].map(([name, list]) => new DlqGroupItem(name, list));
    } catch (e) {
      return [new vscode.TreeItem(`Local instance unavailable: ${errorMessage(e)}`)];
    }
  }
}
