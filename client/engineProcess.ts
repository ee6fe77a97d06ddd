/**
 * The local instance as a child process: `node dist/engine-daemon.js --state-dir DIR`,
 * JSON-RPC on its stdio. Starts on first use, restarts after a crash (a bounded number of
 * times, with backoff), shuts down cleanly. No VS Code import, so tests drive it directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import * as P from '../shared/protocol';
import { errorMessage } from '../engine/core/errors';

export interface EngineProcessOptions {
  /** The runtime: the editor's own (process.execPath with ELECTRON_RUN_AS_NODE=1). */
  execPath: string;
  script: string;
  /** Read at every start, so a changed setting applies on restart. */
  stateDir: () => string;
  env?: NodeJS.ProcessEnv;
  /** Read at every start: extra daemon arguments and environment (the wire front door setting). */
  launch?: () => Promise<{ args: string[]; env: Record<string, string> }>;
  /** Lines of the daemon's stderr and lifecycle events. */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Called after each (re)connection, before any queued request runs. */
  onConnected(conn: MessageConnection, hello: P.HelloReply): void | Promise<void>;
  /** The process is gone (crash or stop): whatever ran in it is over. */
  onExit?(): void;
  /** A crash: `restarting` says whether another attempt follows. */
  onCrash(message: string, restarting: boolean): void;
  maxRestarts?: number;
  restartWindowMs?: number;
  backoffMs?: number;
  now?: () => number;
}

export type EngineState = 'stopped' | 'starting' | 'running' | 'failed';

export class EngineProcess {
  private child: ChildProcess | undefined;
  private conn: MessageConnection | undefined;
  private starting: Promise<MessageConnection> | undefined;
  private crashes: number[] = [];
  private disposed = false;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  state: EngineState = 'stopped';
  pid: number | undefined;

  constructor(private readonly opts: EngineProcessOptions) {}

  /** The connection, starting the process if needed. */
  connection(): Promise<MessageConnection> {
    if (this.disposed) return Promise.reject(new Error('The ASP local instance is shut down.'));
    if (this.conn && this.state === 'running') return Promise.resolve(this.conn);
    if (!this.starting) {
      this.starting = this.start().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  get isRunning(): boolean {
    return this.state === 'running';
  }

  private async start(): Promise<MessageConnection> {
    this.state = 'starting';
    const extra = (await this.opts.launch?.()) ?? { args: [], env: {} };
    const child = spawn(this.opts.execPath, [this.opts.script, '--state-dir', this.opts.stateDir(), ...extra.args], {
      env: { ...process.env, ...this.opts.env, ...extra.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    this.pid = child.pid;
    child.stderr!.setEncoding('utf8');
    let stderrTail = '';
    child.stderr!.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
      for (const line of chunk.split(/\r?\n/)) if (line.trim() !== '') this.opts.log('warn', `[daemon] ${line}`);
    });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (e) => reject(new Error(`Could not start the ASP local instance: ${e.message}`)));
      child.once('exit', (code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        // Reject first, so a start-up failure reads as this and not as "connection disposed".
        reject(new Error(`The ASP local instance exited during start-up (${how}). ${lastLine(stderrTail)}`.trim()));
        conn.dispose();
        this.onExit(child, how, stderrTail);
      });
    });
    exited.catch(() => undefined);
    conn.listen();
    const hello = await Promise.race([conn.sendRequest(P.hello, {}), exited]);
    this.opts.log('info', `local instance ${hello.version} started (pid ${hello.pid}, state ${hello.stateDir})`);
    await Promise.race([Promise.resolve(this.opts.onConnected(conn, hello)), exited]);
    this.conn = conn;
    this.state = 'running';
    return conn;
  }

  private onExit(child: ChildProcess, how: string, stderrTail: string): void {
    if (child !== this.child) return;
    this.child = undefined;
    this.conn = undefined;
    this.pid = undefined;
    this.opts.onExit?.();
    if (this.disposed || this.stopping) {
      this.state = 'stopped';
      return;
    }
    const now = (this.opts.now ?? Date.now)();
    const windowMs = this.opts.restartWindowMs ?? 180_000;
    this.crashes = this.crashes.filter((t) => now - t < windowMs);
    this.crashes.push(now);
    const restarting = this.crashes.length <= (this.opts.maxRestarts ?? 4);
    const detail = lastLine(stderrTail);
    const message = `The ASP local instance stopped unexpectedly (${how}).${detail ? ` ${detail}` : ''}`;
    this.opts.log('error', message);
    this.state = restarting ? 'starting' : 'failed';
    this.opts.onCrash(message, restarting);
    if (restarting) {
      const delay = (this.opts.backoffMs ?? 500) * this.crashes.length;
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        this.connection().catch((e: unknown) => this.opts.log('error', errorMessage(e)));
      }, delay);
    }
  }

  /** Stops the process (asking it to checkpoint and exit first), keeping the object usable. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    const conn = this.conn;
    if (!child) {
      this.state = 'stopped';
      return;
    }
    this.stopping = true;
    try {
      const gone = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      if (conn) {
        await Promise.race([conn.sendRequest(P.shutdown, {}).catch(() => undefined), delay(timeoutMs)]);
      }
      if (!(await Promise.race([gone.then(() => true), delay(timeoutMs).then(() => false)]))) {
        child.kill('SIGKILL');
        await gone;
      }
    } finally {
      this.stopping = false;
      this.state = 'stopped';
      this.crashes = [];
    }
  }

  /** Stop, then start again (a user's "Restart Local Instance"). */
  async restart(): Promise<MessageConnection> {
    await this.stop();
    return this.connection();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stop();
    this.disposed = true;
  }
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines[lines.length - 1]?.trim() ?? '';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
