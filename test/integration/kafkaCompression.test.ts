/**
 * $emit `compression_type` against a real broker: each codec's batches must be accepted and
 * decoded by the broker itself (a topic stored uncompressed makes it decompress and rewrite them)
 * and read back by kafkajs through our codec registry (a topic that keeps the producer's codec).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { runPipelineText } from '../../engine/pipeline/run';
import { consumeAll, setup, uniqueName, type IntegrationEnv } from './helpers';

const CODECS = [
  ['gzip', CompressionTypes.GZIP],
  ['snappy', CompressionTypes.Snappy],
  ['lz4', CompressionTypes.LZ4],
  ['zstd', CompressionTypes.ZSTD],
] as const;

const COUNT = 150;
// Repetitive text compresses well and spans several lz4/snappy blocks per batch.
const payload = (i: number): string => `reading ${i}: ` + 'temperature nominal; pressure nominal; '.repeat(40);

describe('Kafka $emit compression_type (real broker)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  for (const [name, type] of CODECS) {
    it(`${name}: the broker and a kafkajs consumer both decode what $emit sends`, async () => {
      const kept = uniqueName(`z-${name}-kept`);
      const rewritten = uniqueName(`z-${name}-plain`);
      await env.admin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: kept, numPartitions: 1, configEntries: [{ name: 'compression.type', value: 'producer' }] },
          { topic: rewritten, numPartitions: 1, configEntries: [{ name: 'compression.type', value: 'uncompressed' }] },
        ],
      });
      const docs = [];
      for (let i = 0; i < COUNT; i++) for (const dest of [kept, rewritten]) docs.push({ n: i, dest, text: payload(i) });
      const pipeline = [
        { $source: { documents: docs } },
        { $project: { _id: 0, _ts: 0, _stream_meta: 0 } },
        { $emit: { connectionName: 'kafka1', topic: '$dest', config: { compression_type: name, key: '$n', keyFormat: 'int', outputFormat: 'canonicalJson' } } },
      ];
      const res = await runPipelineText(JSON.stringify({ name: `z-${name}`, pipeline }), {
        connections: env.registry, services: env.services, processorName: `z-${name}`, projectStreamMeta: false, timeoutMs: 60_000,
      });
      assert.deepEqual(res.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(res.dlq, []);

      // Count our codec's decodes while reading the kept topic: proof the stored batches carry it.
      const table = CompressionCodecs as unknown as Record<number, () => { compress: unknown; decompress: (b: Buffer) => Promise<Buffer> }>;
      const original = table[type]!;
      let decoded = 0;
      table[type] = () => {
        const c = original();
        return {
          ...c,
          decompress: (b: Buffer) => {
            decoded++;
            return c.decompress(b);
          },
        };
      };
      let keptMsgs;
      try {
        keptMsgs = await consumeAll(env.kafka, kept, COUNT);
      } finally {
        table[type] = original;
      }
      assert.ok(decoded > 0, `kafkajs decoded ${name} batches`);
      const plainMsgs = await consumeAll(env.kafka, rewritten, COUNT);
      for (const msgs of [keptMsgs, plainMsgs]) {
        const got = msgs.map((m) => JSON.parse(m.value!.toString()) as { n: { $numberInt: string }; text: string });
        assert.equal(got.length, COUNT);
        got.forEach((d, i) => {
          assert.equal(Number(d.n.$numberInt), i, 'order kept within the partition');
          assert.equal(d.text, payload(i));
          assert.equal(msgs[i]!.key!.readInt32BE(0), i);
        });
      }
    });
  }
});
