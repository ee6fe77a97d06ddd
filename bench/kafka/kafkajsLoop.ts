/**
 * The raw kafkajs baseline, as a child process: `node kafkajsLoop.js '<LoopOptions JSON>'`.
 * The best consume -> transform -> produce loop we could write with kafkajs: one batch per
 * partition processed at a time with all partitions concurrently, each batch's output split
 * into requests of `chunk` messages sent together (several in flight, one partition each so a
 * request carries one record batch), offsets resolved only after the sends are acknowledged
 * (at-least-once, like the engine), big fetches. Runs until it is killed.
 */
import { Kafka, logLevel, type Message } from 'kafkajs';
import { transform, type LoopOptions } from './transform';
import { errorMessage } from '../../engine/core/errors';

async function main(o: LoopOptions): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: [o.brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: o.groupId,
    maxBytesPerPartition: o.maxBytesPerPartition,
    maxBytes: o.maxBytesPerPartition * 8,
    minBytes: 1,
    maxWaitTimeInMs: 100,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: o.input, fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 1000,
    partitionsConsumedConcurrently: o.concurrency,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const out: Message[] = [];
      for (const m of batch.messages) {
        const v = transform(m.value!, batch.topic, batch.partition, m.offset);
        if (v) out.push({ value: v, partition: batch.partition });
      }
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < out.length; i += o.chunk) sends.push(producer.send({ topic: o.output, acks: o.acks, messages: out.slice(i, i + o.chunk) }));
      await Promise.all(sends);
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
}

main(JSON.parse(process.argv[2]!) as LoopOptions).catch((e: unknown) => {
  process.stderr.write(`kafkajs loop: ${errorMessage(e)}\n`);
  process.exit(1);
});
process.once('SIGTERM', () => process.exit(0));
