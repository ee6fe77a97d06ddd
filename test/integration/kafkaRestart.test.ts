/**
 * The broker stops and restarts mid-stream: the run keeps going and loses nothing. Uses its
 * own broker (not the shared one) so other test files are not disturbed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { fetchJars } from '../infra/fetch';
import { startKafka, stopKafka, type KafkaInstance } from '../infra/kafkaServer';
import { PipelineRun } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { createServices } from '../../engine/connectors/services';
import { type Services } from '../../engine/io/types';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { uniqueName } from './helpers';
import { waitFor } from '../helpers/waitFor';

describe('Kafka broker restart mid-stream', () => {
  let broker: KafkaInstance | undefined;
  let services: Services;
  let stateDir: string;
  before(async () => {
    broker = await startKafka(fetchJars().kafkaLibs);
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-restart-'));
  });
  after(async () => {
    await services?.close();
    if (broker) await stopKafka(broker);
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('resumes after the broker comes back, with every message merged exactly once by _id', async () => {
    const b = broker!;
    const { registry } = loadConnectionRegistryText(JSON.stringify([{ name: 'k', type: 'Kafka', bootstrapServers: b.brokers }]));
    services = createServices(registry, { stateDir, retryPolicy: { initialDelayMs: 200, maxDelayMs: 1000, maxElapsedMs: 120_000 } });
    const topic = uniqueName('restart');
    const kafka = new Kafka({ brokers: [b.brokers], logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 1000 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    const send = async (from: number, to: number): Promise<void> => {
      const p = kafka.producer();
      await p.connect();
      await p.send({ topic, messages: Array.from({ length: to - from }, (_, i) => ({ value: JSON.stringify({ _id: from + i }), partition: (from + i) % 2 })) });
      await p.disconnect();
    };
    const text = JSON.stringify({
      name: 'restart',
      pipeline: [
        { $source: { connectionName: 'k', topic, config: { auto_offset_reset: 'earliest' } } },
        { $merge: { into: { connectionName: 'local', db: 'it', coll: topic } } },
      ],
    });
    const a = analyzeText(text, { connections: registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const run = new PipelineRun(a.processor!, a.validated!, { connections: registry, services, processorName: 'restart', processorId: uniqueName('p'), ephemeral: false });
    const done = run.run();
    const coll = services.localStore.collection('it', topic);
    try {
      await send(0, 200);
      await waitFor(() => coll.size === 200, 'the first 200 merged', 60_000);
      await stopKafka(b, false);
      broker = await startKafka(fetchJars().kafkaLibs, b);
      await send(200, 400);
      await waitFor(() => coll.size === 400, 'all 400 merged after the restart', 90_000);
    } finally {
      run.stop();
    }
    assert.equal(await done, 'stopped');
    const ids = coll.find({}).map((d) => d['_id'] as number).sort((x, y) => x - y);
    assert.deepEqual(ids, Array.from({ length: 400 }, (_, i) => i));
    assert.equal(run.stats.dlqMessageCount, 0);
  });
});
