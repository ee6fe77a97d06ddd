/**
 * Kafka -> engine -> Kafka against the raw clients, on the same broker and messages, in one run:
 * ours (a real instance running `$source` -> `$match` -> `$emit`), the best kafkajs loop we can
 * write, and Kafka's Java clients as the ceiling. Rounds alternate between the three; every
 * figure is messages acknowledged on the output topic per second (see watchOutput).
 */
import { fetchJars } from '../../test/infra/fetch';
import { hasJava, NO_JAVA } from '../java';
import { alternate, median, note, ratioFields, sig3, summarize } from '../rounds';
import type { Bench, BenchResult } from '../types';
import { brokerFromEnvironment, fillTopic, openBroker, type OutputRate } from './broker';
import { EngineSide, javaLoopClasspath, javaRound, KAFKAJS_TUNING, kafkajsRound, type Round } from './sides';

const PARTITIONS = 4;

function rates(side: string, rs: OutputRate[]): number[] {
  const bad = rs.find((r) => !r.complete);
  if (bad) throw new Error(`kafka: the ${side} side wrote only ${bad.reached} messages before its round timed out`);
  return rs.map((r) => r.msgsPerSec);
}

const cpuRate = (rs: OutputRate[]): number | undefined => {
  const xs = rs.map((r) => r.msgsPerCpuSec).filter((x): x is number => x !== undefined);
  return xs.length ? sig3(median(xs)) : undefined;
};

async function logged(side: string, p: Promise<OutputRate>): Promise<OutputRate> {
  const r = await p;
  note(`kafka: ${side} ${Math.round(r.msgsPerSec)} msgs/s (${r.reached} messages${r.msgsPerCpuSec ? `, ${Math.round(r.msgsPerCpuSec)} per CPU-second` : ''})`);
  return r;
}

export const bench: Bench = {
  name: 'kafka',
  async run({ seconds }) {
    // Our own broker is a JVM too: without Java and without a running broker nothing can run.
    if (!hasJava() && !(await brokerFromEnvironment())) return { docsPerSec: NO_JAVA, baselineDocsPerSec: NO_JAVA, javaDocsPerSec: NO_JAVA };
    const b = await openBroker();
    let engine: EngineSide | undefined;
    try {
      const count = Math.max(100_000, Math.round(seconds * 40_000));
      const input = `bench-in-${process.pid}-${Date.now().toString(36)}`;
      note(`kafka: broker ${b.brokers}; filling ${input} with ${count} messages`);
      const expected = await fillTopic(b, input, PARTITIONS, count);
      const r: Round = { input, partitions: PARTITIONS, count: expected, timeoutMs: Math.max(120_000, seconds * 20_000) };
      const classpath = hasJava() ? javaLoopClasspath(fetchJars().kafkaLibs) : undefined;
      note(`kafka: java loop ${classpath ? 'compiled' : 'skipped (no java)'}; starting the instance`);
      engine = await EngineSide.start(b);
      const e = engine;
      const all = {
        ours: () => logged('ours', e.round(b, r)),
        kafkajs: () => logged('kafkajs', kafkajsRound(b, r, JSON.parse(process.env['ASP_BENCH_KAFKAJS_TUNING'] ?? '{}') as Partial<typeof KAFKAJS_TUNING>)),
        ...(classpath ? { java: () => logged('java', javaRound(b, r, classpath)) } : {}),
      } as Record<'ours' | 'kafkajs' | 'java', () => Promise<OutputRate>>;
      // ASP_BENCH_KAFKA_SIDES=ours runs one side alone, e.g. under ASP_BENCH_NODE_FLAGS=--cpu-prof;
      // ASP_BENCH_KAFKAJS_TUNING='{"chunk":1000}' tries other settings of the kafkajs loop.
      const only = process.env['ASP_BENCH_KAFKA_SIDES']?.split(',');
      const sides = only ? (Object.fromEntries(Object.entries(all).filter(([k]) => only.includes(k))) as typeof all) : all;
      const res = await alternate(Number(process.env['ASP_BENCH_ROUNDS']) || 3, sides);
      if (only) {
        return Object.fromEntries(
          Object.entries(res).flatMap(([k, v]) => [
            [`${k}Runs`, rates(k, v).map(sig3)],
            [`${k}MsgsPerCpuSecRuns`, v.flatMap((x) => (x.msgsPerCpuSec === undefined ? [] : [sig3(x.msgsPerCpuSec)]))],
          ]),
        );
      }
      const ours = rates('ours', res.ours);
      const kafkajs = rates('kafkajs', res.kafkajs);
      const out: BenchResult = { ...ratioFields(ours, kafkajs), messages: count, outputMessages: expected, partitions: PARTITIONS };
      out['oursMsgsPerCpuSec'] = cpuRate(res.ours);
      out['kafkajsMsgsPerCpuSec'] = cpuRate(res.kafkajs);
      if (res.java) {
        const java = rates('java', res.java);
        const toJava = summarize(ours.map((o, i) => o / java[i]!));
        out['javaDocsPerSec'] = median(java);
        out['javaRuns'] = java.map(sig3);
        out['javaMsgsPerCpuSec'] = cpuRate(res.java);
        out['ratioToJava'] = sig3(median(ours) / median(java));
        out['ratioToJavaRuns'] = toJava.runs;
      } else {
        out['javaDocsPerSec'] = NO_JAVA;
      }
      await b.admin.deleteTopics({ topics: [input] }).catch(() => undefined);
      return out;
    } finally {
      note('kafka: stopping the instance');
      await engine?.close();
      note('kafka: closing the broker connection');
      await b.close();
      note('kafka: done');
    }
  },
};
