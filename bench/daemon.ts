/**
 * A real instance process for benchmarks that measure the product as users run it (recovery,
 * Kafka): spawned from the compiled daemon (out/) when built, else through tsx, reached over
 * its state-directory socket. ASP_BENCH_NODE_FLAGS adds Node flags, e.g. `--cpu-prof`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { connect } from '../engine/daemon/client';

export const ROOT = path.resolve(__dirname, __filename.endsWith('.js') ? '../..' : '..');
const COMPILED = path.join(ROOT, 'out/engine/daemon/main.js');
const ENTRY = existsSync(COMPILED) ? [COMPILED] : ['--import', 'tsx', path.join(ROOT, 'engine/daemon/main.ts')];

export interface Daemon {
  child: ChildProcess;
  conn: MessageConnection;
  exited: Promise<void>;
}

/** Extra Node flags from the environment, split on spaces. */
export function benchNodeFlags(): string[] {
  return (process.env['ASP_BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
}

/** Poll `fn` until it returns a value (errors count as "not yet"); `what` names it in the timeout. */
export async function poll<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000, everyMs = 10): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function startDaemon(stateDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Daemon> {
  const child = spawn(process.execPath, [...benchNodeFlags(), ...ENTRY, '--state-dir', stateDir, '--no-stdio', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const conn = await poll(() => connect(stateDir), 'the instance socket');
  return { child, conn, exited };
}

/** asp/shutdown (checkpoints, clean exit; a --cpu-prof profile is written), SIGKILL after 10 s. */
export async function stopDaemon(d: Daemon): Promise<void> {
  const grace = new Promise((r) => setTimeout(r, 10_000));
  // The reply may never come when the process exits first: the exit counts as the answer.
  await Promise.race([d.conn.sendRequest('asp/shutdown', {}).catch(() => undefined), d.exited, grace]);
  d.conn.dispose();
  await Promise.race([d.exited, grace]);
  if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGKILL');
}
