/**
 * What every command and view reaches: config, log, the local instance, the language
 * client, the output panel. Two disposal scopes: `extCleanup` for the extension's life,
 * `engineCleanup` for one run of the local instance (cleared on every restart).
 */
import * as vscode from 'vscode';
import { ResponseError, type MessageConnection, type RequestType } from 'vscode-jsonrpc/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import * as P from '../shared/protocol';
import { errorMessage } from '../engine/core/errors';
import { Config } from './config';
import { ConnectionsStore } from './connectionsStore';
import { EngineProcess } from './engineProcess';
import { GraphPanel } from './graph/graphPanel';
import { ObservedRuns } from './observedRuns';
import { OutputPanel } from './panel/outputPanel';
import type { PipelineFile } from './pipelineFile';
import { wireLaunch } from './targetLaunch';
import { TargetsStore } from './targets';

/** SecretStorage key of the wire front door's password. */
export const WIRE_PASSWORD_KEY = 'asp.wire.password';

export type ViewName = 'connections' | 'processors' | 'checkpoints' | 'dlq';

/** An ephemeral run started from a file (Run or Debug). */
export interface RunInfo {
  name: string;
  uri: vscode.Uri;
  file: PipelineFile;
  debug: boolean;
  ended?: P.RunEndedParams;
  trace?: P.StageTrace[];
}

/**
 * One command: `asp.<name>` runs it with the context. Declared here, not in commands.ts, so
 * the per-area command files (client/commands/*) and the table that collects them do not
 * import each other.
 */
export type Handler = (ctx: Ctx, ...args: unknown[]) => unknown;
export type CommandTable = Record<string, Handler>;

export class Ctx {
  readonly config: Config;
  readonly log: vscode.LogOutputChannel;
  readonly engine: EngineProcess;
  readonly panel: OutputPanel;
  readonly graph: GraphPanel;
  readonly connections: ConnectionsStore;
  readonly targets: TargetsStore;
  lsp: LanguageClient | undefined;
  readonly runs = new Map<string, RunInfo>();
  /** Observed shapes of Run and Debug, for the language server's hover (asp/observedShapes). */
  readonly observed = new ObservedRuns();
  /** Client-side loops (Sample) that Stop ends without asking the local instance. */
  readonly cancellers = new Map<string, () => void>();
  private engineCleanup: vscode.Disposable[] = [];

  private readonly emitters = {
    engineStarted: new vscode.EventEmitter<P.HelloReply>(),
    stateChanged: new vscode.EventEmitter<P.StateChangedParams>(),
    runEnded: new vscode.EventEmitter<RunInfo>(),
    runProgress: new vscode.EventEmitter<P.LiveStats>(),
    runsChanged: new vscode.EventEmitter<void>(),
    refresh: new vscode.EventEmitter<ViewName>(),
  };
  readonly onEngineStarted = this.emitters.engineStarted.event;
  readonly onStateChanged = this.emitters.stateChanged.event;
  readonly onRunEnded = this.emitters.runEnded.event;
  readonly onRunProgress = this.emitters.runProgress.event;
  readonly onRunsChanged = this.emitters.runsChanged.event;
  readonly onRefresh = this.emitters.refresh.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.config = new Config(extension.globalStorageUri.fsPath);
    this.log = vscode.window.createOutputChannel('ASP Studio', { log: true });
    this.connections = new ConnectionsStore(extension.secrets, () => this.config.connectionsFile);
    this.targets = new TargetsStore(extension.workspaceState, extension.secrets, () => this.config.targetsFile);
    this.panel = new OutputPanel(extension.extensionUri, () => this.config.outputMaxRows, {
      gotoStage: (run, index, inner) => void vscode.commands.executeCommand('asp.dlq.gotoStage', { run, index, innerIndex: inner }),
      stop: (run) => void this.stopRun(run),
      saveAsTest: (run) => void vscode.commands.executeCommand('asp.testing.saveAsTest', run),
    });
    this.graph = new GraphPanel(extension.extensionUri, {
      runOf: (uri) => {
        const run = this.runOf(uri);
        return run && { name: run.name, debug: run.debug, ended: run.ended !== undefined };
      },
      liveStats: async (name) => {
        // Polling a graph must not start the local instance.
        if (!this.engine.isRunning) throw new UserFacingError('The local instance is not running.');
        return (await this.engine.connection()).sendRequest(P.getLiveStats, { name });
      },
      onRunProgress: this.onRunProgress,
    });
    this.engine = new EngineProcess({
      execPath: process.execPath,
      script: vscode.Uri.joinPath(extension.extensionUri, 'dist', 'engine-daemon.js').fsPath,
      stateDir: () => this.config.stateDir,
      launch: async () => wireLaunch({ listen: this.config.wireListen, user: this.config.wireUser, password: await extension.secrets.get(WIRE_PASSWORD_KEY) }),
      log: (level, msg) => this.log[level](msg),
      onConnected: (conn, hello) => this.wireEngine(conn, hello),
      onExit: () => {
        for (const run of this.runs.values()) if (!run.ended) this.forgetUnfinishedRun(run);
      },
      onCrash: (message, restarting) => {
        if (restarting) void vscode.window.showWarningMessage(`${message} Restarting it.`);
        else void this.offerEngineRestart(message);
      },
    });
    this.extCleanup(this.log, this.connections, this.targets, this.panel, this.graph, ...Object.values(this.emitters));
    this.extCleanup(this.connections.onDidChange(() => void this.pushConnections()));
    this.extCleanup(this.targets.onDidChange(() => void this.pushConnections().then(() => this.refreshProcessors())));
    this.extCleanup({ dispose: () => this.disposeEngineScope() });
  }

  /** Registers something for the extension's lifetime. */
  extCleanup(...d: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...d);
  }

  private disposeEngineScope(): void {
    for (const d of this.engineCleanup) d.dispose();
    this.engineCleanup = [];
  }

  private async offerEngineRestart(message: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(`${message} It was restarted too often and stays stopped.`, 'Restart', 'Show Log');
    if (pick === 'Restart') await vscode.commands.executeCommand('asp.restartEngine');
    else if (pick === 'Show Log') this.log.show();
  }

  /** Notification handlers live exactly as long as one connection. */
  private async wireEngine(conn: MessageConnection, hello: P.HelloReply): Promise<void> {
    this.disposeEngineScope();
    this.engineCleanup.push(
      conn.onNotification(P.output, (p) => {
        this.panel.append(p.name, p.docs, p.dlqStages);
        this.observed.append(p.name, p.docs, p.dlqStages);
      }),
      conn.onNotification(P.runEnded, (p) => void this.finishRun(p)),
      conn.onNotification(P.runProgress, (p) => {
        this.emitters.runProgress.fire(p);
        this.panel.progress(p.name, p.watermark, p.windows[0]?.allowedLatenessMs);
      }),
      conn.onNotification(P.stateChanged, (p) => this.emitters.stateChanged.fire(p)),
      conn.onNotification(P.log, (p) => this.log[p.level === 'warn' ? 'warn' : p.level](p.processor ? `[${p.processor}] ${p.message}` : p.message)),
    );
    await this.configure(conn);
    this.emitters.engineStarted.fire(hello);
  }

  /** The process that ran them is gone: mark runs ended so nothing waits on them. */
  private forgetUnfinishedRun(run: RunInfo): void {
    const p: P.RunEndedParams = { name: run.name, reason: 'failed', error: 'the local instance stopped', counts: { input: 0, output: 0, dlq: 0 } };
    run.ended = p;
    this.observed.drop(run.name);
    this.panel.endRun(p);
    this.emitters.runsChanged.fire();
  }

  private async configure(conn: MessageConnection): Promise<void> {
    const params: P.ConfigureParams = { connections: await this.connections.resolved() };
    const file = this.config.connectionsFile;
    if (file) params.connectionsFile = file;
    const targetsFile = this.config.targetsFile;
    if (targetsFile) {
      // The target list first, so the credentials sent are those of targets the file names.
      this.targets.known = (await conn.sendRequest(P.listTargets, { targetsFile })).targets;
      params.targetsFile = targetsFile;
      params.targetCredentials = await this.targets.allCredentials();
    }
    await conn.sendRequest(P.configure, params);
  }

  /** Re-reads asp.targets.json and the stored credentials into the local instance. */
  async reloadTargets(): Promise<P.ListTargetsReply> {
    const conn = await this.engine.connection();
    await this.configure(conn);
    const targetsFile = this.config.targetsFile;
    return conn.sendRequest(P.listTargets, targetsFile ? { targetsFile } : {});
  }

  private async pushConnections(): Promise<void> {
    if (!this.engine.isRunning) return;
    try {
      await this.configure(await this.engine.connection());
    } catch (e) {
      this.log.error(`Could not reload the connection registry: ${errorMessage(e)}`);
    }
  }

  /** Sends a request to the local instance (starting it if needed); errors become plain messages. */
  async rpc<Params, Result>(type: RequestType<Params, Result, void>, params: Params): Promise<Result> {
    const conn = await this.engine.connection();
    try {
      return await conn.sendRequest<Result>(type.method, params);
    } catch (e) {
      throw new UserFacingError(errorMessage(e), e instanceof ResponseError ? (e.data as P.InvalidPipelineData | undefined) : undefined);
    }
  }

  /**
   * An Atlas method on the selected target: the local instance itself, or forwarded by it to an
   * Atlas workspace or another instance (asp/targetRequest).
   */
  async processorsRpc<Params, Result>(type: RequestType<Params, Result, void>, params: Params): Promise<Result> {
    const target = this.targets.selected;
    if (target === 'local') return this.rpc(type, params);
    return (await this.rpc(P.targetRequest, { target, method: type.method, params })) as Result;
  }

  registerRun(run: RunInfo): void {
    this.runs.set(run.name, run);
    this.emitters.runsChanged.fire();
  }

  /** The newest Run or Debug of a file, ended or not. */
  runOf(uri: vscode.Uri): RunInfo | undefined {
    let found: RunInfo | undefined;
    for (const r of this.runs.values()) if (r.uri.toString() === uri.toString()) found = r;
    return found;
  }

  /** Active (not ended) runs, newest last. */
  activeRuns(): RunInfo[] {
    return [...this.runs.values()].filter((r) => !r.ended);
  }

  async stopRun(name: string): Promise<void> {
    const cancel = this.cancellers.get(name);
    if (cancel) return cancel();
    await this.rpc(P.stopStreamProcessor, { name });
  }

  /** Asks the Processors view (and the checkpoints and DLQ that depend on it) to reload. */
  refreshProcessors(): void {
    this.refresh('processors');
  }

  refresh(view: ViewName): void {
    this.emitters.refresh.fire(view);
  }

  private async finishRun(p: P.RunEndedParams): Promise<void> {
    this.panel.endRun(p);
    const run = this.runs.get(p.name);
    if (!run) return;
    run.ended = p;
    if (run.debug) {
      try {
        run.trace = (await this.rpc(P.getStageTrace, { name: p.name })).stages;
        this.panel.showTrace(p.name, run.trace);
      } catch (e) {
        this.log.error(`Could not read the stage trace of ${p.name}: ${errorMessage(e)}`);
      }
    }
    this.sendObserved(p.name, run.trace);
    if (p.reason === 'failed') void vscode.window.showErrorMessage(`Run ${p.name} failed: ${p.error ?? 'unknown error'}`);
    this.emitters.runEnded.fire(run);
    this.emitters.runsChanged.fire();
  }

  /** Observed shapes of a finished Run or Debug go to the language server's hover. */
  private sendObserved(name: string, trace: P.StageTrace[] | undefined): void {
    const params = this.observed.finish(name, Date.now(), trace);
    if (!params || !this.lsp) return;
    this.lsp.sendNotification(P.observedShapes.method, params).catch((e: unknown) => this.log.warn(`Could not send the observed shapes of ${name}: ${errorMessage(e)}`));
  }
}

/** An error whose message is fit to show as is. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly data?: P.InvalidPipelineData,
  ) {
    super(message);
  }
}
