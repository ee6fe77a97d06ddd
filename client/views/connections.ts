/**
 * Connections view: the built-ins and the registry file's entries, every connection type, each
 * with its kind's icon and description; Atlas-only types are marked (no secrets shown).
 */
import * as vscode from 'vscode';
import type { Connection } from '../../engine/connections/types';
import { BUILTIN_CONNECTIONS } from '../../engine/connectors/catalog/index';
import { connectionLabel } from '../connectionForm';
import type { Ctx } from '../ctx';

export class ConnectionItem extends vscode.TreeItem {
  constructor(
    readonly connection: Connection,
    builtin: boolean,
  ) {
    super(connection.name, vscode.TreeItemCollapsibleState.None);
    const l = connectionLabel(connection, builtin);
    this.description = l.description;
    this.contextValue = builtin ? 'connection:builtin' : 'connection:registry';
    this.iconPath = new vscode.ThemeIcon(l.icon, l.atlasOnly ? new vscode.ThemeColor('disabledForeground') : undefined);
    this.tooltip = l.tooltip;
  }
}

export class ConnectionsView implements vscode.TreeDataProvider<ConnectionItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.extCleanup(
      this.changed,
      ctx.connections.onDidChange(() => this.changed.fire()),
      ctx.onRefresh((v) => v === 'connections' && this.changed.fire()),
    );
  }

  getTreeItem(e: ConnectionItem): vscode.TreeItem {
    return e;
  }

  async getChildren(): Promise<ConnectionItem[]> {
    const entries = await this.ctx.connections.entries();
    const names = new Set(entries.map((e) => e.name));
    return [
      ...BUILTIN_CONNECTIONS.filter((b) => !names.has(b.name)).map((b) => new ConnectionItem(b, true)),
      ...entries.map((e) => new ConnectionItem(e, false)),
    ];
  }
}
