/**
 * Every read of the `asp.*` settings goes through here, typed, with its default.
 *
 * How to add a setting:
 * 1. declare it under `contributes.configuration` in package.json (type, default, description);
 * 2. add a getter below, with the same default;
 * 3. if changing it must restart the local instance or the language server, list its key in
 *    ENGINE_RESTART_KEYS or SERVER_RESTART_KEYS (main.ts restarts them on change).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunControls, SinkMode } from '../shared/protocol';

export const ENGINE_RESTART_KEYS = ['asp.stateDir', 'asp.wire.listen', 'asp.wire.user'] as const;
export const SERVER_RESTART_KEYS = ['asp.trace.server'] as const;

export class Config {
  constructor(private readonly storageDir: string) {}

  private get cfg(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('asp');
  }

  private num(key: string, dflt: number, min: number): number {
    const v = this.cfg.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.floor(v) : dflt;
  }

  private str(key: string, dflt: string): string {
    const v = this.cfg.get<unknown>(key);
    return typeof v === 'string' ? v : dflt;
  }

  /** Absolute path of the connection registry, or undefined with no workspace folder. */
  get connectionsFile(): string | undefined {
    const rel = this.str('connectionsFile', 'asp.connections.json');
    if (path.isAbsolute(rel)) return rel;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, rel) : undefined;
  }

  /** Absolute path of asp.targets.json, or undefined with no workspace folder. */
  get targetsFile(): string | undefined {
    const rel = this.str('targetsFile', 'asp.targets.json');
    if (path.isAbsolute(rel)) return rel;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, rel) : undefined;
  }

  /** `asp.wire.listen`: the wire front door's [HOST:]PORT, "" = off. */
  get wireListen(): string {
    return this.str('wire.listen', '');
  }

  /** `asp.wire.user`: its SCRAM user ("" = none; the password is in SecretStorage). */
  get wireUser(): string {
    return this.str('wire.user', '');
  }

  /** State directory of the local instance. */
  get stateDir(): string {
    const v = this.str('stateDir', '').trim();
    if (v !== '') return v;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && folder.uri.scheme === 'file' ? path.join(folder.uri.fsPath, '.asp') : path.join(this.storageDir, 'state');
  }

  get runSinks(): SinkMode {
    return this.str('run.sinks', 'capture') === 'real' ? 'real' : 'capture';
  }

  get runMaxDocs(): number {
    return this.num('run.maxDocs', 1000, 1);
  }

  get runMaxMs(): number {
    return this.num('run.maxMs', 60000, 100);
  }

  get debugPerStage(): number {
    return Math.min(this.num('debug.perStage', 20, 1), 1000);
  }

  get outputMaxRows(): number {
    return this.num('output.maxRows', 20000, 100);
  }

  get codeLensEnabled(): boolean {
    return this.cfg.get<unknown>('codeLens.enabled') !== false;
  }

  get processorsPollMs(): number {
    return this.num('processors.pollMs', 2000, 250);
  }

  /** The run controls Run / Debug send; `sinks` may be overridden for one run. */
  runControls(debug: boolean, sinks: SinkMode = this.runSinks): RunControls {
    // Recorded, so that "Save as Test" can turn the run into a pipeline test.
    const r: RunControls = { sinks, maxDocs: this.runMaxDocs, maxMs: this.runMaxMs, stream: true, record: {} };
    if (debug) r.debug = { perStage: this.debugPerStage };
    return r;
  }

  /** True when an event touches a setting that needs the given restart list. */
  static affects(e: vscode.ConfigurationChangeEvent, keys: readonly string[]): boolean {
    return keys.some((k) => e.affectsConfiguration(k));
  }
}
