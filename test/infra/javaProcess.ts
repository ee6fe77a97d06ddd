/** Detached JVM processes that outlive the command that started them, stopped by PID. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pidAlive, waitUntil } from './probe';

/**
 * Spawn `java args` (or another runtime's `opts.java`), detached, output appended to `logFile`,
 * with `opts.env` added to the environment; returns the PID.
 */
export function spawnJava(args: string[], logFile: string, opts: { java?: string; env?: Record<string, string> } = {}): number {
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(opts.java ?? 'java', args, { detached: true, stdio: ['ignore', fd, fd], env: opts.env ? { ...process.env, ...opts.env } : process.env });
    if (child.pid === undefined) throw new Error('java did not start (is it on PATH?)');
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * True when `pid` is still the JVM we started: its command line mentions `marker` (our
 * .infra directory), so a PID reused by an unrelated process is never signalled.
 */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!pidAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    // No /proc (macOS): trust the PID file, which only ever holds PIDs we spawned.
    return true;
  }
}

/** SIGTERM (a clean shutdown), then SIGKILL if still alive after `graceMs`. */
export async function stopPid(pid: number, marker: string, graceMs = 15_000): Promise<void> {
  if (!isOurProcess(pid, marker)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await waitUntil(`process ${pid} to exit`, async () => !pidAlive(pid), graceMs, 100);
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return;
    }
    await waitUntil(`process ${pid} to exit after SIGKILL`, async () => !pidAlive(pid), 5000, 50);
  }
}
