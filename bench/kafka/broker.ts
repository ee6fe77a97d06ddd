/**
 * The broker and topics of the Kafka benchmark: the servers of `npm run infra:up` (or
 * ASP_TEST_KAFKA_BROKERS) when they answer, else a broker of its own; the input topic filled
 * once; and the one measurement every side is judged by: messages on the output topic.
 */
import * as fs from 'node:fs';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { fetchJars } from '../../test/infra/fetch';
import { startKafka, stopKafka } from '../../test/infra/kafkaServer';
import { kafkaIsUp } from '../../test/infra/probe';
import { SERVERS_JSON } from '../../test/infra/paths';
import { solarDocs } from '../data';
import { transform } from './transform';

export interface BenchBroker {
  brokers: string;
  kafka: Kafka;
  admin: Admin;
  close(): Promise<void>;
}

/** A broker that answers: ASP_TEST_KAFKA_BROKERS, else the one `npm run infra:up` recorded. */
export async function brokerFromEnvironment(): Promise<string | undefined> {
  const candidates = [process.env['ASP_TEST_KAFKA_BROKERS']];
  try {
    candidates.push((JSON.parse(fs.readFileSync(SERVERS_JSON, 'utf8')) as { kafka: { brokers: string } }).kafka.brokers);
  } catch {
    // no servers.json: start our own below
  }
  for (const c of candidates) if (c && (await kafkaIsUp(c))) return c;
  return undefined;
}

export async function openBroker(): Promise<BenchBroker> {
  const running = await brokerFromEnvironment();
  const own = running ? undefined : await startKafka(fetchJars().kafkaLibs);
  const brokers = running ?? own!.brokers;
  const kafka = new Kafka({ clientId: 'asp-bench', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  return {
    brokers,
    kafka,
    admin,
    close: async () => {
      await admin.disconnect().catch(() => undefined);
      if (own) await stopKafka(own);
    },
  };
}

/**
 * `count` ~200-byte solar readings as plain JSON (what a non-MongoDB producer writes), spread
 * over the topic's partitions. Returns how many of them pass the pipeline's filter: the number
 * of messages every side must write.
 */
export async function fillTopic(b: BenchBroker, topic: string, partitions: number, count: number): Promise<number> {
  await b.admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  const p = b.kafka.producer();
  await p.connect();
  const docs = solarDocs(1000);
  const values = docs.map((d) => Buffer.from(JSON.stringify(d)));
  let passing = 0;
  for (let i = 0; i < count; i++) if (transform(values[i % values.length]!, topic, 0, '0')) passing++;
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 500) {
    const n = Math.min(500, count - i);
    sends.push(p.send({ topic, acks: -1, messages: Array.from({ length: n }, (_, j) => ({ value: values[(i + j) % values.length]!, partition: ((i + j) / 500 | 0) % partitions })) }));
    if (sends.length >= 8) await Promise.all(sends.splice(0));
  }
  await Promise.all(sends);
  await p.disconnect();
  return passing;
}

/** Sum of the partitions' end offsets: how many messages the broker has acknowledged on `topic`. */
export async function endOffsetSum(admin: Admin, topic: string): Promise<number> {
  const offs = await admin.fetchTopicOffsets(topic);
  return offs.reduce((n, o) => n + Number(o.high), 0);
}

/** CPU seconds (user + system, all threads) a process has used so far; undefined without /proc. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface OutputRate {
  /** Messages per second between the first and the last sample. */
  msgsPerSec: number;
  /** Messages per CPU-second of the side's process over the same span, when it is known. */
  msgsPerCpuSec?: number;
  /** Messages on the topic at the last sample. */
  reached: number;
  complete: boolean;
}

/**
 * Sample the output topic's end offsets until they reach `target` (or `timeoutMs` passes). The
 * rate runs from the first sample that saw output to the one that saw `target`, so every side
 * is timed by the same clock on the same condition, with group join and first fetch excluded.
 */
export async function watchOutput(admin: Admin, topic: string, target: number, timeoutMs: number, pid?: number, everyMs = 20): Promise<OutputRate> {
  const deadline = performance.now() + timeoutMs;
  let first: { t: number; n: number; cpu?: number } | undefined;
  let last: { t: number; n: number; cpu?: number } = { t: performance.now(), n: 0 };
  for (;;) {
    const n = await endOffsetSum(admin, topic).catch(() => last.n);
    const t = performance.now();
    const cpu = cpuSeconds(pid);
    if (n > 0 && !first) first = { t, n, cpu };
    last = { t, n, cpu };
    if (n >= target || t > deadline) break;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const complete = last.n >= target;
  const msgsPerSec = first && last.t > first.t ? ((last.n - first.n) / (last.t - first.t)) * 1000 : 0;
  const cpu = first?.cpu !== undefined && last.cpu !== undefined ? last.cpu - first.cpu : undefined;
  const msgsPerCpuSec = first && cpu ? (last.n - first.n) / cpu : undefined;
  return { msgsPerSec, msgsPerCpuSec, reached: last.n, complete };
}
