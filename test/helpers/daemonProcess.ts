/** Spawn and kill real instance processes for recovery tests (only the PIDs started here). */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { connect } from '../../engine/daemon/client';
import * as P from '../../shared/protocol';
import { waitFor } from './waitFor';

// Under tsx this file is test/helpers/daemonProcess.ts; compiled (scripts/test.mjs) it is out/test/helpers/*.js.
const COMPILED = __filename.endsWith('.js');
const ROOT = path.resolve(__dirname, COMPILED ? '../../..' : '../..');
const ENTRY = COMPILED ? [path.join(ROOT, 'out/engine/daemon/main.js')] : ['--import', 'tsx', path.join(ROOT, 'engine/daemon/main.ts')];

/**
 * How long one condition of a recovery test (a daemon up, a stream open, an instance caught up)
 * may take before the test gives up. Generous on purpose: these tests wait on conditions, and
 * a 2-core machine shared by many sessions (load 20) makes a tsx daemon start or a restart's
 * catch-up take minutes; the limit only turns a real hang into a message saying what hung.
 */
export const PATIENCE_MS = 300_000;
/** Per-test cap for the kill -9 tests: several PATIENCE_MS waits in a row fit in it. */
export const KILL_TEST_TIMEOUT_MS = 1_800_000;

export interface Daemon {
  child: ChildProcess;
  conn: MessageConnection;
  exited: Promise<number | null>;
  stderr: () => string;
}

export async function spawnDaemon(stateDir: string, env: Record<string, string> = {}, connectionsFile?: string): Promise<Daemon> {
  const args = [...ENTRY, '--state-dir', stateDir, '--no-stdio', ...(connectionsFile ? ['--connections', connectionsFile] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  // Kept next to the state folder too, so a daemon that died mid-test can be diagnosed afterwards.
  const log = fs.createWriteStream(`${stateDir}.stderr.log`, { flags: 'a' });
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    log.write(b);
  });
  live.add(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code, signal) => {
    log.end(`[exit code ${code} signal ${signal}]\n`);
    r(code);
  }));
  void exited.then(() => live.delete(child));
  let dead = false;
  void exited.then(() => (dead = true));
  const conn = await waitFor(async () => {
    if (dead) throw new Error(`daemon exited: ${err}`);
    return connect(stateDir);
  }, 'daemon socket', PATIENCE_MS, 50);
  // The instance's log (processor failures, skipped checkpoints) goes to its clients only: keep
  // it with stderr, so a failing test shows what the processors said.
  conn.onNotification(P.log.method, (p: P.LogParams) => {
    const line = `[${p.level}]${p.processor ? ` ${p.processor}:` : ''} ${p.message}\n`;
    err += line;
    log.write(line);
  });
  // Requests to a dead instance must fail, not wait forever: disposing rejects them.
  void exited.then(() => conn.dispose());
  return { child, conn, exited, stderr: () => err };
}

/** Instance processes started here and still running. */
const live = new Set<ChildProcess>();

/** SIGKILL every instance this file started that is still running (test cleanup after a failure). */
export async function killAll(): Promise<void> {
  const waits = [...live].map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))));
  for (const c of live) c.kill('SIGKILL');
  await Promise.all(waits);
}

export async function kill9(d: Daemon): Promise<void> {
  d.conn.dispose();
  d.child.kill('SIGKILL');
  await d.exited;
}

export async function shutdown(d: Daemon): Promise<void> {
  await d.conn.sendRequest('asp/shutdown', {}).catch(() => undefined);
  d.conn.dispose();
  await d.exited;
}
