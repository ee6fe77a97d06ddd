/**
 * The three sides of the Kafka benchmark, each a process of its own that consumes the input
 * topic from the beginning under a fresh group and writes an output topic of its own:
 *  - ours: a real instance process running `$source` -> `$match` -> `$emit` as a persistent
 *    processor, checkpointing every second (offsets are committed from checkpoints);
 *  - kafkajs: the best raw kafkajs loop (kafkajsLoop.ts);
 *  - java: Kafka's own Java clients (KafkaClientLoop.java), the ceiling.
 * Each round is timed by watchOutput on the output topic, so all stop on the same condition.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as P from '../../shared/protocol';
import { benchNodeFlags, startDaemon, stopDaemon, type Daemon } from '../daemon';
import { BENCH_CACHE, javacOnce } from '../java';
import { watchOutput, type BenchBroker, type OutputRate } from './broker';
import type { LoopOptions } from './transform';

export interface Round {
  input: string;
  partitions: number;
  count: number;
  timeoutMs: number;
}

let seq = 0;
const tag = (): string => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

async function withOutputTopic(b: BenchBroker, r: Round, run: (topic: string, group: string) => Promise<OutputRate>): Promise<OutputRate> {
  const t = tag();
  const topic = `bench-out-${t}`;
  await b.admin.createTopics({ topics: [{ topic, numPartitions: r.partitions }], waitForLeaders: true });
  try {
    return await run(topic, `bench-${t}`);
  } finally {
    await b.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  }
}

async function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const gone = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Run a child process for one round; a child that dies early fails the round with its stderr. */
async function childRound(b: BenchBroker, r: Round, topic: string, cmd: string, args: string[]): Promise<OutputRate> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const died = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${path.basename(cmd)} exited (${code}) before the round ended: ${stderr.trim().slice(0, 500)}`))));
  try {
    return await Promise.race([watchOutput(b.admin, topic, r.count, r.timeoutMs, child.pid), died]);
  } finally {
    died.catch(() => undefined);
    await stopChild(child);
  }
}

/** kafkajs tuning of the baseline: chosen by trying chunk sizes, concurrency and fetch sizes. */
export const KAFKAJS_TUNING = { chunk: 2000, concurrency: 4, maxBytesPerPartition: 4 << 20, acks: -1, inFlight: 16_384 };

export function kafkajsRound(b: BenchBroker, r: Round, tuning: Partial<typeof KAFKAJS_TUNING> = {}): Promise<OutputRate> {
  return withOutputTopic(b, r, (output, groupId) => {
    const o: LoopOptions = { brokers: b.brokers, input: r.input, output, groupId, ...KAFKAJS_TUNING, ...tuning };
    const compiled = __filename.endsWith('.js');
    const script = path.join(__dirname, compiled ? 'kafkajsLoop.js' : 'kafkajsLoop.ts');
    return childRound(b, r, output, process.execPath, [...benchNodeFlags(), ...(compiled ? [] : ['--import', 'tsx']), script, JSON.stringify(o)]);
  });
}

/** Compile the Java loop against the broker's own kafka-clients and Jackson jars (cached). */
export function javaLoopClasspath(kafkaLibs: string): string {
  const out = path.join(BENCH_CACHE, 'kafka-loop');
  const src = path.join(__dirname, __filename.endsWith('.js') ? '../../../bench/kafka' : '.', 'KafkaClientLoop.java');
  const cp = path.join(kafkaLibs, '*');
  javacOnce([src], cp, out);
  return `${out}${path.delimiter}${cp}`;
}

export function javaRound(b: BenchBroker, r: Round, classpath: string): Promise<OutputRate> {
  return withOutputTopic(b, r, (output, group) =>
    childRound(b, r, output, 'java', ['-Xms256m', '-Xmx1g', '-cp', classpath, 'KafkaClientLoop', b.brokers, r.input, output, group]),
  );
}

/** One instance process for all of ours' rounds; each round is a processor of its own. */
export class EngineSide {
  private constructor(private readonly d: Daemon, private readonly dir: string) {}

  static async start(b: BenchBroker): Promise<EngineSide> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-bench-kafka-'));
    const conns = path.join(dir, 'asp.connections.json');
    fs.writeFileSync(conns, JSON.stringify({ connections: [{ name: 'k', type: 'Kafka', bootstrapServers: b.brokers }] }));
    const d = await startDaemon(path.join(dir, 'state'), ['--connections', conns], { ASP_CHECKPOINT_INTERVAL_MS: '1000' });
    return new EngineSide(d, dir);
  }

  round(b: BenchBroker, r: Round): Promise<OutputRate> {
    return withOutputTopic(b, r, async (output, group) => {
      const name = `bench_${++seq}`;
      const pipeline = [
        { $source: { connectionName: 'k', topic: r.input, config: { auto_offset_reset: 'earliest', group_id: group } } },
        { $match: { 'obs.watts': { $gte: 0 } } },
        // ASP_BENCH_EMIT_CONFIG='{"acks":"1","compression_type":"lz4"}' tries other $emit settings.
        { $emit: { connectionName: 'k', topic: output, ...(process.env['ASP_BENCH_EMIT_CONFIG'] ? { config: JSON.parse(process.env['ASP_BENCH_EMIT_CONFIG']) as unknown } : {}) } },
      ];
      await this.d.conn.sendRequest(P.createStreamProcessor.method, { name, pipeline });
      await this.d.conn.sendRequest(P.startStreamProcessor.method, { name });
      try {
        return await watchOutput(b.admin, output, r.count, r.timeoutMs, this.d.child.pid);
      } finally {
        await this.d.conn.sendRequest(P.stopStreamProcessor.method, { name }).catch(() => undefined);
        await this.d.conn.sendRequest(P.dropStreamProcessor.method, { name }).catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    await stopDaemon(this.d);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
