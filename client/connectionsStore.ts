/**
 * The workspace's connection registry file plus the secrets kept in SecretStorage.
 * Edits keep the file's formatting and comments (jsonc-parser edits, not a rewrite).
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';
import type { Connection } from '../engine/connections/types';
import { mergeSecrets, secretFieldsOf, secretKey, splitSecrets } from './connectionSecrets';

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

export class ConnectionsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly file: () => string | undefined,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const onFile = (uri: vscode.Uri): void => {
      if (uri.fsPath === this.file()) this.changed.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      secrets.onDidChange((e) => {
        if (e.key.startsWith('asp.connection/')) this.changed.fire();
      }),
      this.changed,
    );
  }

  /** Entries of the registry file (empty if it does not exist or does not parse). */
  async entries(): Promise<Connection[]> {
    const file = this.file();
    if (!file) return [];
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return [];
    }
    const value: unknown = parse(text, [], { allowTrailingComma: true });
    const list = Array.isArray(value) ? value : (value as { connections?: unknown } | undefined)?.connections;
    return Array.isArray(list)
      ? list.filter((c): c is Connection => !!c && typeof c === 'object' && typeof (c as Connection).name === 'string')
      : [];
  }

  /** Registry entries with their secrets filled in, for the local instance only. */
  async resolved(): Promise<Connection[]> {
    const out: Connection[] = [];
    for (const entry of await this.entries()) {
      const secrets: Record<string, string | undefined> = {};
      let any = false;
      for (const { path } of secretFieldsOf(entry.type)) {
        const v = await this.secrets.get(secretKey(entry.name, path));
        if (v !== undefined) {
          secrets[path] = v;
          any = true;
        }
      }
      if (any) out.push(mergeSecrets(entry, secrets));
    }
    return out;
  }

  /** Adds or replaces an entry (by `previousName` or its own name); secrets go to SecretStorage. */
  async save(entry: Connection, previousName?: string): Promise<void> {
    const file = this.file();
    if (!file) throw new Error('Open a folder first: the connection registry lives in the workspace.');
    let text = '';
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      text = '{\n  "connections": []\n}\n';
    }
    const root: unknown = parse(text, [], { allowTrailingComma: true });
    const base: (string | number)[] = Array.isArray(root) ? [] : ['connections'];
    const list = (Array.isArray(root) ? root : (root as { connections?: unknown[] } | undefined)?.connections) ?? [];
    if (!Array.isArray(list)) throw new Error(`${vscode.workspace.asRelativePath(file)}: "connections" must be an array.`);
    const { file: fileEntry, secrets } = splitSecrets(entry);
    const at = list.findIndex((c) => (c as Connection | undefined)?.name === (previousName ?? entry.name));
    const edits = modify(text, [...base, at >= 0 ? at : list.length], fileEntry, {
      formattingOptions: FORMAT,
      isArrayInsertion: at < 0,
    });
    await fs.writeFile(file, applyEdits(text, edits), 'utf8');
    if (previousName && previousName !== entry.name) await this.deleteSecrets(previousName, entry.type);
    for (const [field, value] of Object.entries(secrets)) await this.secrets.store(secretKey(entry.name, field), value);
    this.changed.fire();
  }

  private async deleteSecrets(name: string, type: string): Promise<void> {
    for (const { path } of secretFieldsOf(type)) await this.secrets.delete(secretKey(name, path));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
