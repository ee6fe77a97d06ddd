/** Where an instance lives: the state directory, its socket and its lock file. */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

/** `--state-dir`, else ASP_STATE_DIR, else ./.asp in the current directory. */
export function resolveStateDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, explicit ?? env['ASP_STATE_DIR'] ?? '.asp');
}

/** Unix socket paths are limited to ~104 bytes, so long state paths use a hashed name in tmp. */
const MAX_SOCKET_PATH = 100;

/** The instance's socket (a named pipe on Windows). Derived from the state dir alone so the CLI can find it. */
export function socketPath(stateDir: string): string {
  const hash = createHash('sha1').update(stateDir).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\asp-${hash}`;
  const inDir = path.join(stateDir, 'daemon.sock');
  return Buffer.byteLength(inDir) <= MAX_SOCKET_PATH ? inDir : path.join(os.tmpdir(), `asp-${hash}.sock`);
}

export function lockPath(stateDir: string): string {
  return path.join(stateDir, 'daemon.pid');
}

export function logPath(stateDir: string): string {
  return path.join(stateDir, 'daemon.log');
}
