/** Checkpoints view: per processor, its checkpoints newest first; open one for its details. */
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { type Ctx } from '../ctx';
import { errorMessage } from '../../engine/core/errors';

export class CheckpointProcessorItem extends vscode.TreeItem {
  constructor(readonly processor: P.ProcessorInfo) {
    super(processor.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.description = processor.state;
    this.iconPath = new vscode.ThemeIcon('server-process');
    this.contextValue = 'checkpointProcessor';
  }
}

export class CheckpointItem extends vscode.TreeItem {
  constructor(readonly checkpoint: P.CheckpointSummary) {
    super(checkpoint.time, vscode.TreeItemCollapsibleState.None);
    const parts = [checkpoint.trigger, checkpoint.tables !== undefined ? `${checkpoint.tables} tables` : undefined, checkpoint.sizeBytes !== undefined ? formatBytes(checkpoint.sizeBytes) : undefined];
    this.description = parts.filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon('history');
    this.contextValue = 'checkpoint';
    this.tooltip = `Checkpoint ${checkpoint.id} of ${checkpoint.processorName}`;
    this.command = { command: 'asp.checkpoints.open', title: 'Open Checkpoint', arguments: [this] };
  }
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}

export class CheckpointsView implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extCleanup(
      this.changed,
      ctx.onStateChanged(() => this.changed.fire()),
      ctx.onEngineStarted(() => this.changed.fire()),
      ctx.onRefresh((v) => (v === 'checkpoints' || v === 'processors') && this.changed.fire()),
    );
  }

  getTreeItem(e: vscode.TreeItem): vscode.TreeItem {
    return e;
  }

  async getChildren(parent?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    try {
      if (parent instanceof CheckpointProcessorItem) {
        const { checkpoints } = await this.ctx.rpc(P.listCheckpoints, { name: parent.processor.name });
        if (checkpoints.length === 0) return [new vscode.TreeItem('no checkpoints yet')];
        return checkpoints.map((c) => new CheckpointItem(c));
      }
      const { streamProcessors } = await this.ctx.rpc(P.listStreamProcessors, {});
      return streamProcessors.map((p) => new CheckpointProcessorItem(p));
    } catch (e) {
      return [new vscode.TreeItem(`Local instance unavailable: ${errorMessage(e)}`)];
    }
  }
}
