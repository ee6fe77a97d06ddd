/**
 * The targets the editor can point at: `local` plus asp.targets.json (read by the local instance,
 * asp/listTargets), the selected one (kept per workspace), and each target's credentials in
 * SecretStorage, never in settings or files. The credentials reach the local instance with
 * asp/configure, which forwards the Atlas methods to the selected target.
 */
import * as vscode from 'vscode';
import * as P from '../shared/protocol';

const SELECTED_KEY = 'asp.target';
const secretKey = (target: string): string => `asp.target/${target}`;

export interface TargetCredentials {
  username: string;
  password: string;
}

export class TargetsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The selection or the credentials changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** The last asp/listTargets reply. */
  known: P.TargetInfo[] = [{ name: 'local', environment: 'local', needsCredentials: false }];

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    readonly file: () => string | undefined,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const onFile = (uri: vscode.Uri): void => {
      if (uri.fsPath === this.file()) this.changed.fire();
    };
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      secrets.onDidChange((e) => {
        if (e.key.startsWith('asp.target/')) this.changed.fire();
      }),
    );
  }

  get selected(): string {
    return this.state.get<string>(SELECTED_KEY, 'local');
  }

  /** The selected target's entry (environment, connection string), `local` when unknown. */
  get current(): P.TargetInfo {
    return this.known.find((t) => t.name === this.selected) ?? this.known[0]!;
  }

  async select(name: string): Promise<void> {
    await this.state.update(SELECTED_KEY, name);
    this.changed.fire();
  }

  async setCredentials(target: string, c: TargetCredentials): Promise<void> {
    await this.secrets.store(secretKey(target), JSON.stringify(c));
  }

  async credentials(target: string): Promise<TargetCredentials | undefined> {
    const raw = await this.secrets.get(secretKey(target));
    if (!raw) return undefined;
    try {
      const c = JSON.parse(raw) as Partial<TargetCredentials>;
      return typeof c.username === 'string' && typeof c.password === 'string' ? { username: c.username, password: c.password } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Credentials of every known target that has some stored, for asp/configure. */
  async allCredentials(): Promise<Record<string, TargetCredentials>> {
    const out: Record<string, TargetCredentials> = {};
    for (const t of this.known) {
      const c = t.name === 'local' ? undefined : await this.credentials(t.name);
      if (c) out[t.name] = c;
    }
    return out;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
