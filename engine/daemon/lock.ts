/** One instance per state directory: a pid file created exclusively, reclaimed when its owner died. */
import * as fs from 'node:fs';
import { lockPath } from './paths';

export class InstanceRunningError extends Error {
  constructor(readonly pid: number, stateDir: string) {
    super(`another ASP instance (pid ${pid}) already runs on ${stateDir}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock or throw InstanceRunningError. Returns a release function. */
export function acquireLock(stateDir: string): () => void {
  fs.mkdirSync(stateDir, { recursive: true });
  const file = lockPath(stateDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readOr(file, ''));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new InstanceRunningError(pid, stateDir);
      // The owner was killed (kill -9 leaves the file behind): reclaim it.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the instance lock ${file}`);
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return fallback;
  }
}
