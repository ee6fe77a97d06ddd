/**
 * Java for the peer benchmarks (the Kafka client loop, the Flink job): whether java, javac and
 * mvn are here, and where their build output is cached (git-ignored, under .infra/bench/).
 * A machine without them reports "skipped: no java" instead of a figure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INFRA } from '../test/infra/paths';

export const BENCH_CACHE = path.join(INFRA, 'bench');
export const NO_JAVA = 'skipped: no java';

function runs(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

/** java and javac on PATH (and mvn when `maven`). */
export function hasJava(maven = false): boolean {
  return runs('java', ['-version']) && runs('javac', ['-version']) && (!maven || runs('mvn', ['-v']));
}

/** Newest modification time among the files under `dir` (the sources a cached build came from). */
export function newestMtime(paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    const st = fs.statSync(p);
    if (st.isDirectory()) t = Math.max(t, newestMtime(fs.readdirSync(p).map((f) => path.join(p, f))));
    else t = Math.max(t, st.mtimeMs);
  }
  return t;
}

/** Compile `sources` with javac against `classpath` into `out`, unless out is newer than them. */
export function javacOnce(sources: string[], classpath: string, out: string): void {
  const marker = path.join(out, '.built');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newestMtime(sources)) return;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  try {
    execFileSync('javac', ['-cp', classpath, '-d', out, ...sources], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`javac failed: ${err.stderr?.toString().trim() || err.message}`);
  }
  fs.writeFileSync(marker, new Date().toISOString());
}
