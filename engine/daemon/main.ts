/**
 * The local instance process (bundled as dist/engine-daemon.js; also `asp serve`). It speaks
 * JSON-RPC over stdio when a host spawned it and always over a socket the CLI can find from
 * the state directory. SIGINT/SIGTERM and asp/shutdown checkpoint every processor and exit.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { Instance } from './instance';
import { acquireLock } from './lock';
import { resolveStateDir, socketPath } from './paths';
import { parseCheckpointTarget } from '../runtime/checkpoint/lazyStore';
import { applyWireFlag, resolveWireOptions, type WireOptions } from '../wire/options';
import { WireServer } from '../wire/server';

export interface DaemonOptions {
  stateDir: string;
  stdio: boolean;
  connectionsFile?: string;
  checkpointIntervalMs?: number;
  /** Keep checkpoints in a MongoDB collection (`CONNECTION/DB.COLL`) instead of files. */
  checkpoints?: { connectionName: string; db: string; coll: string };
  /** The MongoDB wire front door (`--wire [HOST:]PORT`), off unless given. */
  wire?: WireOptions;
}

export interface RunningDaemon {
  instance: Instance;
  socket: string;
  /** The wire front door's address, when it listens. */
  wire?: { host: string; port: number };
  /** Resolves when the instance has shut down. */
  closed: Promise<void>;
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  // Bad wire settings fail before anything is locked or listening.
  const wire = opts.wire ? resolveWireOptions(opts.wire) : undefined;
  const release = acquireLock(opts.stateDir);
  const instance = new Instance({ stateDir: opts.stateDir, connectionsFile: opts.connectionsFile, checkpointIntervalMs: opts.checkpointIntervalMs, checkpoints: opts.checkpoints });
  const sock = socketPath(opts.stateDir);
  const server = net.createServer((s) => {
    const conn = createMessageConnection(new SocketMessageReader(s), new SocketMessageWriter(s));
    instance.attach(conn);
    s.on('error', () => conn.dispose());
    conn.listen();
  });
  // We hold the lock, so a socket file left here belongs to an instance that was killed.
  if (process.platform !== 'win32') fs.rmSync(sock, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => resolve());
  });
  let wireServer: WireServer | undefined;
  try {
    if (wire) wireServer = await WireServer.start({ methods: instance.methods, wire, log: (level, message) => process.stderr.write(`asp daemon: ${level}: ${message}\n`), onCommand: wireTrace() });
  } catch (e) {
    server.close();
    release();
    throw new Error(`--wire ${wire!.host}:${wire!.port}: ${(e as Error).message}`);
  }
  let done!: () => void;
  const closed = new Promise<void>((r) => (done = r));
  instance.onShutdown = () => {
    server.close();
    void wireServer?.close();
    if (process.platform !== 'win32') fs.rmSync(sock, { force: true });
    release();
    done();
  };
  if (opts.stdio) {
    const conn = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
    instance.attach(conn);
    // The host went away: stop cleanly; processors resume on the next start.
    conn.onClose(() => void instance.shutdown());
    conn.listen();
  }
  const stop = (): void => void instance.shutdown();
  // A stray rejection is a bug, not a reason to drop every processor: report it and keep serving.
  process.on('unhandledRejection', (e: unknown) => {
    process.stderr.write(`asp daemon: internal error (unhandled rejection): ${e instanceof Error ? e.message : String(e)}\n`);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await instance.open();
  return { instance, socket: sock, closed, wire: wireServer?.address() };
}

/** ASP_WIRE_TRACE=1 logs the name of every wire command (never its arguments). */
function wireTrace(): ((name: string, connectionId: number, op: string) => void) | undefined {
  if (!process.env['ASP_WIRE_TRACE']) return undefined;
  return (name, id, op) => process.stderr.write(`asp daemon: wire: connection ${id}: ${op} ${name}\n`);
}

/** `node engine-daemon.js [--state-dir DIR] [--no-stdio] [--connections FILE] [--wire [HOST:]PORT ...]` */
export function parseDaemonArgs(argv: string[], defaultStdio: boolean): DaemonOptions {
  let stateDir: string | undefined;
  let stdio = defaultStdio;
  let connectionsFile: string | undefined;
  let checkpoints: DaemonOptions['checkpoints'];
  let wire: WireOptions | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--state-dir') stateDir = value();
    else if (flag === '--connections') connectionsFile = value();
    else if (flag === '--checkpoints') checkpoints = parseCheckpointTarget(value());
    else if (flag === '--stdio') stdio = true;
    else if (flag === '--no-stdio') stdio = false;
    else if (flag.startsWith('--wire')) {
      const r = applyWireFlag(wire, flag, value);
      if (!r.handled) throw new Error(`unknown option ${a}`);
      wire = r.wire;
    } else throw new Error(`unknown option ${a}`);
  }
  const interval = Number(process.env['ASP_CHECKPOINT_INTERVAL_MS']);
  return { stateDir: resolveStateDir(stateDir), stdio, connectionsFile, checkpointIntervalMs: interval > 0 ? interval : undefined, checkpoints, wire };
}

if (require.main === module) {
  (async () => {
    const d = await startDaemon(parseDaemonArgs(process.argv.slice(2), true));
    await d.closed;
    process.exit(0);
  })().catch((e: unknown) => {
    process.stderr.write(`asp daemon: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
