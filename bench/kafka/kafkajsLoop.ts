/**
 * The raw kafkajs baseline, as a child process: `node kafkajsLoop.js '<LoopOptions JSON>'`.
 * The best consume -> transform -> produce loop we could write with kafkajs: one batch per
 * partition processed at a time with all partitions concurrently, each batch's output split
 * into requests of `chunk` messages sent together (one partition each so a request carries one
 * record batch), big fetches. Two ways to wait for the acknowledgements (at-least-once both):
 *  - `inFlight: 0`: each batch awaits its sends, then resolves its offsets (kafkajs commits them);
 *  - `inFlight: N`: a batch returns once its sends are out, while at most N messages wait for
 *    acknowledgements; offsets are committed by the loop itself, per partition, only up to
 *    batches whose sends were all acknowledged (the pipelining the engine's `$emit` does).
 * Runs until it is killed.
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
  const pipelined = o.inFlight > 0;
  /** Per partition: the chain of acknowledgements (in batch order) and the next offset acknowledged. */
  const chains = new Map<number, Promise<void>>();
  const acked = new Map<number, string>();
  const inFlight = new Set<Promise<void>>();
  let unacked = 0;
  if (pipelined) {
    setInterval(() => {
      const offsets = [...acked].map(([partition, offset]) => ({ topic: o.input, partition, offset }));
      acked.clear();
      if (offsets.length) consumer.commitOffsets(offsets).catch((e: unknown) => fatal(e));
    }, 1000).unref();
  }
  await consumer.run({
    autoCommit: !pipelined,
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
      if (!pipelined) {
        await Promise.all(sends);
        resolveOffset(batch.lastOffset());
        await heartbeat();
        return;
      }
      // The fetch position moves on now; the committed offset only once the sends are acknowledged.
      resolveOffset(batch.lastOffset());
      const next = String(Number(batch.lastOffset()) + 1);
      const p = batch.partition;
      const n = out.length;
      unacked += n;
      const chain = (chains.get(p) ?? Promise.resolve()).then(() => Promise.all(sends)).then(() => {
        acked.set(p, next);
      });
      chains.set(p, chain);
      const tracked: Promise<void> = chain.then(
        () => {
          inFlight.delete(tracked);
          unacked -= n;
        },
        (e: unknown) => fatal(e),
      );
      inFlight.add(tracked);
      while (unacked > o.inFlight && inFlight.size > 0) await Promise.race(inFlight);
      await heartbeat();
    },
  });
}

function fatal(e: unknown): never {
  process.stderr.write(`kafkajs loop: ${errorMessage(e)}\n`);
  process.exit(1);
}

main(JSON.parse(process.argv[2]!) as LoopOptions).catch(fatal);
process.once('SIGTERM', () => process.exit(0));
