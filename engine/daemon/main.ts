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
import { parseArgs } from '../core/argv';
import { errorMessage, UsageError } from '../core/errors';

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
    process.stderr.write(`asp daemon: internal error (unhandled rejection): ${errorMessage(e)}\n`);
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

/** `node engine-daemon.js [--state-dir DIR] [--stdio | --no-stdio] [--connections FILE] [--checkpoints CONNECTION/DB.COLL] [--wire [HOST:]PORT ...]` */
export function parseDaemonArgs(argv: string[], defaultStdio: boolean, env: NodeJS.ProcessEnv = process.env): DaemonOptions {
  const args = parseArgs(argv, ['state-dir', 'connections', 'checkpoints', ...WIRE_FLAGS], ['stdio', 'no-stdio']);
  if (args.positional.length) throw new UsageError(`unexpected argument ${args.positional[0]!}`);
  const flag = (name: string): string | undefined => args.flags.get(name) as string | undefined;
  const target = flag('checkpoints');
  let wire: WireOptions | undefined;
  for (const name of WIRE_FLAGS) {
    const v = flag(name);
    if (v !== undefined) wire = applyWireFlag(wire, `--${name}`, () => v).wire;
  }
  return {
    stateDir: resolveStateDir(flag('state-dir'), env),
    stdio: args.flags.has('stdio') ? true : args.flags.has('no-stdio') ? false : defaultStdio,
    connectionsFile: flag('connections'),
    checkpointIntervalMs: checkpointIntervalFromEnv(env),
    checkpoints: target === undefined ? undefined : parseCheckpointTarget(target),
    wire,
  };
}

/** The wire flags, in the order they apply (`--wire` first: the others refine it). */
const WIRE_FLAGS = ['wire', 'wire-user', 'wire-password', 'wire-tls-cert', 'wire-tls-key'];

/**
 * ASP_CHECKPOINT_INTERVAL_MS (tests and benchmarks shorten the 5-minute cadence). Read here, at
 * the process boundary, and passed down; the runtime itself never reads the environment.
 */
function checkpointIntervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const interval = Number(env['ASP_CHECKPOINT_INTERVAL_MS']);
  return interval > 0 ? interval : undefined;
}

if (require.main === module) {
  (async () => {
    const d = await startDaemon(parseDaemonArgs(process.argv.slice(2), true));
    await d.closed;
    process.exit(0);
  })().catch((e: unknown) => {
    process.stderr.write(`asp daemon: ${errorMessage(e)}\n`);
    process.exit(1);
  });
}
