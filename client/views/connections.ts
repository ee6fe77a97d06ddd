/** Connections view: the built-ins and the registry file's entries (no secrets shown). */
import * as vscode from 'vscode';
import { BUILTIN_CONNECTIONS } from '../../engine/connections/registry';
import type { Connection } from '../../engine/connections/types';
import type { Ctx } from '../ctx';

const ICONS: Record<string, string> = { Kafka: 'symbol-event', Cluster: 'database', Sample: 'beaker', Https: 'globe', Local: 'archive', TestLog: 'output' };

export class ConnectionItem extends vscode.TreeItem {
  constructor(
    readonly connection: Connection,
    builtin: boolean,
  ) {
    super(connection.name, vscode.TreeItemCollapsibleState.None);
    this.description = builtin ? `${connection.type} · built in` : connection.type;
    this.contextValue = builtin ? 'connection:builtin' : 'connection:registry';
    this.iconPath = new vscode.ThemeIcon(ICONS[connection.type] ?? 'plug');
    this.tooltip = tooltip(connection);
  }
}

function tooltip(c: Connection): string {
  switch (c.type) {
    case 'Kafka':
      return `Kafka ${c.bootstrapServers}${c.authentication?.mechanism ? ` (${c.authentication.mechanism})` : ''}`;
    case 'Cluster':
      return `MongoDB ${(c.uri ?? '').replace(/\/\/[^@/]*@/, '//…@')}`;
    case 'Https':
      return `HTTPS ${c.url}`;
    case 'Sample':
      return 'The Atlas sample generator (solar panels)';
    case 'Local':
      return 'The embedded store in the state directory: $merge, $lookup, DLQ and checkpoints with no server';
    default:
      return 'Logs each document it receives';
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
