/**
 * Kafka lag in stats against the real broker: produce N per partition, let the source hand out
 * M, and `partitionOffsetLag` is N − M per partition and `kafkaTotalOffsetLag` their sum; a
 * partition with nothing handed out has an unknown lag and makes the total null (as Atlas's
 * stats do). A persistent processor that has read everything shows 0 everywhere.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../../engine/core/clock';
import type { KafkaSourceConfig } from '../../engine/io/types';
import { END_OF_INPUT } from '../../engine/core/source';
import { ProcessorManager } from '../../engine/runtime/manager';
import { waitFor } from '../helpers/waitFor';
import { createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';

/** A consumer group join can take long on a loaded machine. */
const PATIENCE_MS = 180_000;

interface PartitionStats {
  topic: string;
  partition: number;
  currentOffset: number | null;
  partitionOffsetLag: number | null;
}

describe('Kafka offset lag (real broker)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  const produce = async (topic: string, perPartition: number[], tag: string): Promise<void> => {
    const p = env.kafka.producer();
    await p.connect();
    const messages = perPartition.flatMap((n, partition) => Array.from({ length: n }, (_, i) => ({ partition, value: JSON.stringify({ tag, partition, i }) })));
    await p.send({ topic, messages });
    await p.disconnect();
  };

  it('lag = produced − handed out, per partition and in total, from the broker\'s end offsets', async () => {
    const topic = uniqueName('lag');
    await createTopic(env.admin, topic, 3);
    const first = [4, 6, 2];
    const more = [6, 1, 3];
    await produce(topic, first, 'a');
    const cfg: KafkaSourceConfig = { connectionName: 'kafka1', topics: [topic], fromBeginning: true, keyFormat: 'binData', keyFormatError: 'dlq', tsFieldName: '_ts' };
    const source = env.services.io.kafkaSource(cfg, { clock: systemClock, services: env.services, processorName: 'lag', processorId: uniqueName('p'), ephemeral: false, slotCount: 0 });
    const ac = new AbortController();
    await source.connect(ac.signal);
    try {
      // Hand out exactly the first batch: M per partition.
      let handed = 0;
      while (handed < 12) {
        const b = await source.read(ac.signal);
        assert.notEqual(b, END_OF_INPUT);
        if (b !== END_OF_INPUT) handed += b.records.length;
      }
      assert.equal(handed, 12);
      await produce(topic, more, 'b');
      // N per partition is what the broker holds now: read it independently of the source.
      const ends = (await env.admin.fetchTopicOffsets(topic)).sort((x, y) => x.partition - y.partition).map((o) => Number(o.high));
      assert.deepEqual(ends, [10, 7, 5]);
      const stats = await waitFor(() => {
        const s = source.stats!();
        const parts = s['kafkaPartitions'] as unknown as PartitionStats[];
        return parts.length === 3 && parts.every((p) => p.partitionOffsetLag === more[p.partition]) ? s : undefined;
      }, 'the lag of every partition after the end offsets were refreshed', PATIENCE_MS);
      const parts = stats['kafkaPartitions'] as unknown as PartitionStats[];
      assert.deepEqual(parts.map((p) => [p.partition, p.currentOffset, p.partitionOffsetLag]), [[0, 4, 6], [1, 6, 1], [2, 2, 3]]);
      assert.equal(stats['kafkaTotalOffsetLag'], 10);
    } finally {
      ac.abort();
      await source.close();
    }
  });

  it('an unknown partition lag makes the total null; a processor that read everything shows 0', async () => {
    const topic = uniqueName('lag0');
    await createTopic(env.admin, topic, 2);
    await produce(topic, [5, 0], 'a');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-lag-'));
    const m = new ProcessorManager({ stateDir: dir, registry: () => env.registry, services: () => env.services, checkpointIntervalMs: 200 });
    try {
      m.create({
        name: 'lag',
        pipeline: [
          { $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' } } },
          { $merge: { into: { connectionName: 'local', db: 'lag', coll: topic } } },
        ],
      });
      await m.start({ name: 'lag' });
      const parts = (): PartitionStats[] => (m.stats({ name: 'lag' }).stats['kafkaPartitions'] as PartitionStats[] | undefined) ?? [];
      await waitFor(() => m.stats({ name: 'lag' }).stats.inputMessageCount === 5 && parts().find((p) => p.partition === 0)?.partitionOffsetLag === 0, 'partition 0 read to its end', PATIENCE_MS);
      // Partition 1 is empty and nothing was handed out from it: its lag is unknown.
      assert.deepEqual(parts().map((p) => [p.partition, p.partitionOffsetLag]), [[0, 0], [1, null]]);
      assert.equal(m.stats({ name: 'lag' }).stats['kafkaTotalOffsetLag'], null);
      await produce(topic, [0, 3], 'b');
      await waitFor(() => m.stats({ name: 'lag' }).stats.inputMessageCount === 8 && parts().every((p) => p.partitionOffsetLag === 0), 'both partitions read to their end', PATIENCE_MS);
      assert.equal(m.stats({ name: 'lag' }).stats['kafkaTotalOffsetLag'], 0);
      await m.stop({ name: 'lag' });
    } finally {
      await m.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
