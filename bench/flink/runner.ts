/**
 * The Flink side of the flink-* benchmarks: builds bench/flink/ with Maven on first use (into
 * the git-ignored .infra/bench/flink, rebuilt when a source is newer), writes the shared input
 * file, and keeps one JVM running FlinkBench so rounds can alternate with ours on a warm JVM.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { toRelaxedJSON } from '../../engine/json/ejson';
import { ROOT } from '../daemon';
import { solarDocs } from '../data';
import { BENCH_CACHE, newestMtime } from '../java';
import { note } from '../rounds';

const SRC = path.join(ROOT, 'bench', 'flink');
const OUT = path.join(BENCH_CACHE, 'flink');

/** `mvn package` unless the cached build is newer than pom.xml and every Java source. */
export function buildFlinkJob(): string {
  const classes = path.join(OUT, 'target', 'classes');
  const marker = path.join(OUT, '.built');
  const sources = [path.join(SRC, 'pom.xml'), path.join(SRC, 'src')];
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < newestMtime(sources)) {
    note('flink: building bench/flink with Maven (first use downloads Flink from Maven Central)');
    try {
      execFileSync('mvn', ['-B', '-ntp', '-q', '-f', path.join(SRC, 'pom.xml'), 'package', `-Dbench.out=${OUT}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(`building the Flink job failed: ${`${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`.trim().slice(-2000) || err.message}`);
    }
    fs.writeFileSync(marker, new Date().toISOString());
  }
  return `${classes}${path.delimiter}${path.join(OUT, 'libs', '*')}`;
}

/** The documents of bench/data.ts as relaxed Extended JSON lines, the input both sides read. */
export function inputFile(count: number): { file: string; lines: string[] } {
  const file = path.join(BENCH_CACHE, `solar-${count}.jsonl`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(BENCH_CACHE, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, solarDocs(count).map((d) => toRelaxedJSON(d)).join('\n') + '\n');
    fs.renameSync(tmp, file);
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { file, lines };
}

export interface FlinkRun {
  job: string;
  docs: number;
  outputs: number;
  ms: number;
  cpuMs: number;
}

/** One JVM running FlinkBench over `file`; run() executes one job and returns its timing. */
export class FlinkProcess {
  private readonly replies: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (!l.startsWith('{')) return;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(l);
      } else this.replies.push(l);
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
  }

  static async start(classpath: string, file: string): Promise<FlinkProcess> {
    const child = spawn('java', ['-Xms1g', '-Xmx2g', '-cp', classpath, 'asp.bench.FlinkBench', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    const p = new FlinkProcess(child);
    await p.next();
    return p;
  }

  private next(): Promise<string> {
    const queued = this.replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.child.once('exit', (code) => reject(new Error(`the Flink JVM exited (${code}): ${this.stderr.trim().slice(-1500)}`)));
    });
  }

  async run(job: 'stateless' | 'tumbling'): Promise<FlinkRun> {
    this.child.stdin!.write(`${job}\n`);
    const r = JSON.parse(await this.next()) as FlinkRun & { error?: string };
    if (r.error) throw new Error(`Flink job: ${r.error}`);
    return r;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.stdin!.end('quit\n');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
