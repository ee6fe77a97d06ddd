/**
 * How the CLI reaches the local instance: connect to the state directory's socket, or start an
 * instance in the background (the same `asp` entry with `serve`) and wait until it answers.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import * as P from '../../shared/protocol';
import { logPath, socketPath } from './paths';

function connectOnce(sock: string): Promise<MessageConnection> {
  return new Promise((resolve, reject) => {
    const s = net.connect(sock);
    s.once('connect', () => {
      s.removeListener('error', reject);
      const conn = createMessageConnection(new SocketMessageReader(s), new SocketMessageWriter(s));
      conn.listen();
      resolve(conn);
    });
    s.once('error', reject);
  });
}

/** Connect to a running instance; undefined when none answers. */
export async function connect(stateDir: string): Promise<MessageConnection | undefined> {
  try {
    const conn = await connectOnce(socketPath(stateDir));
    await conn.sendRequest(P.hello.method, {});
    return conn;
  } catch {
    return undefined;
  }
}

export interface SpawnOptions {
  /** The script that understands `serve` (defaults to this process's entry script). */
  entry?: string;
  timeoutMs?: number;
}

/** Connect, starting a background instance first if none runs. */
export async function connectOrStart(stateDir: string, opts: SpawnOptions = {}): Promise<MessageConnection> {
  const existing = await connect(stateDir);
  if (existing) return existing;
  fs.mkdirSync(stateDir, { recursive: true });
  const log = fs.openSync(logPath(stateDir), 'a');
  const entry = opts.entry ?? process.argv[1]!;
  // execArgv carries loaders (tsx in development) so the child runs the same code.
  const child = spawn(process.execPath, [...process.execArgv, entry, 'serve', '--state-dir', stateDir], {
    detached: true,
    stdio: ['ignore', log, log],
    env: process.env,
  });
  child.unref();
  fs.closeSync(log);
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  let end = deadline;
  while (Date.now() < end) {
    const conn = await connect(stateDir);
    if (conn) return conn;
    // Our child may have lost the lock to an instance another command started at the same time.
    if (exited !== null) end = Math.min(end, Date.now() + 2000);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the local instance did not start; see ${logPath(stateDir)}`);
}
