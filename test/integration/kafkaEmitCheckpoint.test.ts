/**
 * `$emit` keeps Kafka sends in flight across batches; a checkpoint must still never cover a
 * message whose output the broker has not acknowledged. The processor reads from the shared
 * broker and writes to a broker of its own, which is stopped mid-stream: the processor keeps
 * reading, retries its sends, and fails, and no checkpoint it saved covers the input read after
 * the stop. Once the output broker is back, a restart replays from that checkpoint and every
 * message reaches the output (at-least-once, nothing skipped).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ProcessorManager } from '../../engine/runtime/manager';
import { createServices } from '../../engine/connectors/services';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import type { Services } from '../../engine/io/types';
import { fetchJars } from '../infra/fetch';
import { startKafka, stopKafka, type KafkaInstance } from '../infra/kafkaServer';
import { waitFor } from '../helpers/waitFor';
import { consumeAll, setup, uniqueName, type IntegrationEnv } from './helpers';

/** Messages written while the output broker is up, then while it is down. */
const BEFORE = 300;
const DURING = 500;

let env: IntegrationEnv;
let outBroker: KafkaInstance | undefined;
before(async () => {
  env = await setup();
  outBroker = await startKafka(fetchJars().kafkaLibs);
});
after(async () => {
  if (outBroker) await stopKafka(outBroker);
  await env?.close();
});

/** Next offsets of the processor's newest checkpoint, summed over partitions (0 when it has none). */
async function newestOffsetSum(m: ProcessorManager, name: string): Promise<number> {
  const { checkpoints } = await m.listCheckpoints({ name } as never);
  const newest = checkpoints[0];
  if (!newest) return 0;
  const det = await m.getCheckpoint({ name, checkpointId: newest.id, sample: 0 } as never);
  const parts = ((det.sourcePositions as Record<string, unknown> | undefined)?.['source'] as { partitions?: { offset: number }[] } | undefined)?.partitions ?? [];
  return parts.reduce((n, p) => n + Number(p.offset), 0);
}

test('a checkpoint never covers $emit output the broker has not acknowledged; the restart replays it', { timeout: 600_000 }, async (t) => {
  const b2 = outBroker!;
  const input = uniqueName('ack-in');
  const output = uniqueName('ack-out');
  await env.admin.createTopics({ topics: [{ topic: input, numPartitions: 1 }], waitForLeaders: true });
  const out = new Kafka({ brokers: [b2.brokers], logLevel: logLevel.NOTHING });
  const outAdmin = out.admin();
  await outAdmin.connect();
  await outAdmin.createTopics({ topics: [{ topic: output, numPartitions: 1 }], waitForLeaders: true });
  await outAdmin.disconnect();
  const send = async (from: number, to: number): Promise<void> => {
    const p = env.kafka.producer();
    await p.connect();
    await p.send({ topic: input, messages: Array.from({ length: to - from }, (_, i) => ({ value: JSON.stringify({ n: from + i }) })) });
    await p.disconnect();
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-ack-'));
  const { registry } = loadConnectionRegistryText(JSON.stringify({ connections: [
    { name: 'kafka1', type: 'Kafka', bootstrapServers: env.servers.kafkaBrokers },
    { name: 'out', type: 'Kafka', bootstrapServers: b2.brokers },
  ] }));
  let services: Services | undefined;
  const logs: string[] = [];
  const m = new ProcessorManager({
    stateDir: dir,
    registry: () => registry,
    // Give up on the refused sends after a few seconds instead of the default five minutes.
    services: () => (services ??= createServices(registry, { stateDir: dir, retryPolicy: { initialDelayMs: 100, maxDelayMs: 500, maxElapsedMs: 2_000 } })),
    checkpointIntervalMs: 20,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  t.after(async () => {
    await m.close();
    await services?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const name = 'acked';
  m.create({ name, pipeline: [
    { $source: { connectionName: 'kafka1', topic: input, config: { auto_offset_reset: 'earliest' } } },
    { $emit: { connectionName: 'out', topic: output } },
  ] } as never);
  const stats = (): Record<string, unknown> => m.stats({ name } as never).stats as Record<string, unknown>;
  const info = (): { state: string; errorMsg?: string } => m.list().streamProcessors.find((p) => p.name === name)! as { state: string; errorMsg?: string };

  await m.start({ name } as never);
  await send(0, BEFORE);
  await waitFor(async () => (await newestOffsetSum(m, name)) === BEFORE, 'a checkpoint covering the first messages, written while the output broker is up', 120_000, 50);

  await stopKafka(b2, false);
  await send(BEFORE, BEFORE + DURING);
  await waitFor(() => info().state === 'FAILED', 'the processor to fail on the sends the stopped broker cannot take', 240_000, 100);
  assert.match(info().errorMsg ?? '', /Kafka \(out\)/, info().errorMsg);
  // It read the later messages too: a checkpoint not waiting for the acknowledgements would cover them.
  assert.equal(stats()['inputMessageCount'], BEFORE + DURING);
  assert.equal(await newestOffsetSum(m, name), BEFORE, `no checkpoint covers unacknowledged output\n${logs.join('\n')}`);

  outBroker = await startKafka(fetchJars().kafkaLibs, b2);
  await m.start({ name } as never);
  const msgs = await consumeAll(out, output, BEFORE + DURING, 180_000);
  const seen = new Set(msgs.map((x) => (JSON.parse(x.value!.toString()) as { n: number }).n));
  assert.equal(seen.size, BEFORE + DURING, 'every input message reached the output after the restart');
  await waitFor(async () => (await newestOffsetSum(m, name)) === BEFORE + DURING, 'a checkpoint covering all the acknowledged output', 120_000, 50);
  await m.stop({ name } as never);
  await env.admin.deleteTopics({ topics: [input] }).catch(() => undefined);
});
