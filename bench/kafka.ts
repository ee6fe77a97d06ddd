/**
 * Kafka -> engine -> Kafka vs a raw kafkajs consume+produce loop, same broker, same messages,
 * one run. The baseline parses and re-serialises each value (the least a JSON processor
 * does); ours runs `$source` -> `$match` -> `$emit`. Uses the servers of `npm run infra:up`
 * (or ASP_TEST_KAFKA_BROKERS) when they answer, else starts and stops its own broker.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { PipelineRun } from '../engine/pipeline/run';
import { analyzeText } from '../engine/pipeline/analyze';
import { loadConnectionRegistryText } from '../engine/connectors/catalog/registry';
import { createServices } from '../engine/connectors/services';
import { fetchJars } from '../test/infra/fetch';
import { startKafka, stopKafka, type KafkaInstance } from '../test/infra/kafkaServer';
import { kafkaIsUp } from '../test/infra/probe';
import { SERVERS_JSON } from '../test/infra/paths';
import { solarDocs } from './data';
import type { Bench } from './types';

async function brokerFromEnvironment(): Promise<string | undefined> {
  const candidates = [process.env['ASP_TEST_KAFKA_BROKERS']];
  try {
    candidates.push((JSON.parse(fs.readFileSync(SERVERS_JSON, 'utf8')) as { kafka: { brokers: string } }).kafka.brokers);
  } catch {
    // no servers.json: start our own below
  }
  for (const c of candidates) if (c && (await kafkaIsUp(c))) return c;
  return undefined;
}

async function fill(kafka: Kafka, admin: Admin, topic: string, count: number): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const p = kafka.producer();
  await p.connect();
  const values = solarDocs(1000).map((d) => JSON.stringify(d));
  for (let i = 0; i < count; i += 5000) {
    await p.send({ topic, messages: Array.from({ length: Math.min(5000, count - i) }, (_, j) => ({ value: values[(i + j) % values.length]! })) });
  }
  await p.disconnect();
}

async function baseline(kafka: Kafka, from: string, to: string, count: number, deadline: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${process.pid}-${Date.now()}` });
  const producer = kafka.producer();
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: from, fromBeginning: true });
  let n = 0;
  let start = 0;
  let end = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (Date.now() > deadline) resolve();
    }, 100);
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (start === 0) start = performance.now();
        const messages = batch.messages.map((m) => {
          const d = JSON.parse(m.value!.toString()) as { obs?: { watts?: number } };
          return { value: JSON.stringify(d) };
        });
        await producer.send({ topic: to, messages });
        n += messages.length;
        end = performance.now();
        if (n >= count) {
          clearInterval(timer);
          resolve();
        }
      },
    });
  });
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  return (n / (end - start)) * 1000;
}

async function ours(brokers: string, from: string, to: string, count: number, deadline: number): Promise<number> {
  const { registry } = loadConnectionRegistryText(JSON.stringify([{ name: 'k', type: 'Kafka', bootstrapServers: brokers }]));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-bench-'));
  const services = createServices(registry, { stateDir });
  const text = JSON.stringify({
    name: 'bench',
    pipeline: [
      { $source: { connectionName: 'k', topic: from, config: { auto_offset_reset: 'earliest' } } },
      { $match: { 'obs.watts': { $gte: 0 } } },
      { $emit: { connectionName: 'k', topic: to } },
    ],
  });
  const a = analyzeText(text, { connections: registry });
  if (a.hasErrors || !a.processor || !a.validated) throw new Error(a.diagnostics.map((d) => d.message).join('; '));
  // Count every message: documents without obs (1 in 200) are filtered, so count inputs out.
  const run = new PipelineRun(a.processor, a.validated, { connections: registry, services, processorName: 'bench', processorId: `bench-${process.pid}-${Date.now()}`, ephemeral: false, projectStreamMeta: false });
  let start = 0;
  let end = 0;
  const timer = setInterval(() => {
    const n = run.stats.inputMessageCount;
    if (n > 0 && start === 0) start = performance.now();
    if (end === 0 && (n >= count || Date.now() > deadline)) {
      end = performance.now();
      run.stop();
    }
  }, 20);
  await run.run();
  clearInterval(timer);
  const n = run.stats.inputMessageCount;
  await services.close();
  fs.rmSync(stateDir, { recursive: true, force: true });
  return (n / ((end || performance.now()) - start)) * 1000;
}

export const bench: Bench = {
  name: 'kafka',
  async run({ seconds }) {
    let own: KafkaInstance | undefined;
    let brokers = await brokerFromEnvironment();
    if (!brokers) {
      own = await startKafka(fetchJars().kafkaLibs);
      brokers = own.brokers;
    }
    const kafka = new Kafka({ clientId: 'asp-bench', brokers: [brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const count = Math.max(20_000, Math.round(seconds * 20_000));
      const id = `${process.pid}-${Date.now().toString(36)}`;
      const input = `bench-in-${id}`;
      await fill(kafka, admin, input, count);
      const budget = seconds * 1000 * 2;
      const baselineDocsPerSec = await baseline(kafka, input, `bench-raw-out-${id}`, count, Date.now() + budget);
      const docsPerSec = await ours(brokers, input, `bench-ours-out-${id}`, count, Date.now() + budget);
      await admin.deleteTopics({ topics: [input, `bench-raw-out-${id}`, `bench-ours-out-${id}`] }).catch(() => undefined);
      return { docsPerSec, baselineDocsPerSec };
    } finally {
      await admin.disconnect();
      if (own) await stopKafka(own);
    }
  },
};
