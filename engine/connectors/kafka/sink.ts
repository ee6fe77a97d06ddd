/**
 * The Kafka sink behind `$emit`: push() evaluates and encodes each document (failures go to
 * the DLQ) and chooses its partition; dispatch() (between batches) queues what was buffered as
 * requests of at most SEND_CHUNK messages of one partition, each partition's in order and one
 * at a time, partitions in parallel (lanes.ts), and returns while they are pending, waiting
 * only when more than MAX_IN_FLIGHT messages are unacknowledged; drain() resolves once the broker acknowledged
 * everything pushed so far. Checkpoints await drain() between their cut and their save, so a
 * checkpoint never covers output that is not acknowledged. A request the broker refuses for a
 * non-retriable reason is resent one message at a time so only the culprits go to the DLQ; a
 * send that still fails after its retries fails the processor at the next dispatch() or
 * drain() (never skipped), and the checkpoint waiting for it is not saved.
 */
import { CompressionTypes, type Message, type Producer } from 'kafkajs';
import type { Doc } from '../../core/types';
import type { Meta } from '../../core/meta';
import { EngineError, ExprError, errorMessage } from '../../core/errors';
import { newEvalCtx } from '../../expr/compile';
import type { Operator } from '../../core/operator';
import type { StageRuntime, KafkaEmitConfig, Services } from '../../io/types';
import { withRetry } from '../retry';
import { encodeHeaders, encodeKey, encodeValue } from './encode';
import { encodeWith, type KafkaValueEncoder } from './valueCodec';
import { compressionType, zstdReady } from './codecs';
import { TargetCounts } from '../targetCounts';
import { Lanes, PartitionChooser, SEND_CHUNK } from './lanes';

const OPERATOR = 'KafkaEmitOperator';
/**
 * Unacknowledged messages dispatch() lets through before it waits: enough to keep a request
 * per partition on the wire while the next batches are read and processed, bounded so memory
 * and the replay after a failure stay small.
 */
const MAX_IN_FLIGHT = 16_384;

interface Pending {
  topic: string;
  msg: Message;
  doc: Doc;
  meta: Meta;
  /** The value is left to the valueEncoder (when the write starts; it may await its registry). */
  encode?: boolean;
  /** The valueEncoder refused it (it went to the DLQ). */
  failed?: boolean;
}

function isRetriableKafkaError(e: unknown): boolean {
  const x = e as { retriable?: boolean; name?: string; originalError?: unknown };
  if (x?.retriable) return true;
  if (/KafkaJSConnectionError|KafkaJSRequestTimeoutError|KafkaJSNumberOfRetriesExceeded|KafkaJSNonRetriableError|KafkaJSBrokerNotFound|KafkaJSConnectionClosedError|KafkaJSLockTimeout/.test(x?.name ?? '')) {
    // NonRetriable wraps the real cause after kafkajs's own retries: look inside.
    if (x.name === 'KafkaJSNonRetriableError' || x.name === 'KafkaJSNumberOfRetriesExceeded') return x.originalError ? isRetriableKafkaError(x.originalError) || /Connection|ECONNREFUSED|closed|timeout/i.test(errorMessage(x.originalError)) : true;
    return true;
  }
  return /ECONNREFUSED|ECONNRESET|EPIPE|Connection (closed|error|timeout)/i.test(errorMessage(e));
}

/** `valueEncoder` replaces the JSON value encoding (Avro through a schema registry). */
export function createKafkaSink(cfg: KafkaEmitConfig, rt: StageRuntime, services: Services, valueEncoder?: KafkaValueEncoder): Operator {
  const ctx = newEvalCtx(rt.slotCount, rt.clock);
  let pending: Pending[] = [];
  const targets = new TargetCounts();
  let producer: Producer | undefined;
  const acks = cfg.acks === 'all' ? -1 : Number(cfg.acks);
  const compression = compressionType(cfg.compression);
  const chooser = new PartitionChooser();
  const lanes = new Lanes();
  const policy = { retryable: isRetriableKafkaError, policy: services.retry.policy, onRetry: services.retry.onRetry };

  const fail = (doc: Doc, meta: Meta, e: unknown): void => {
    rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
  };

  /**
   * The one producer, connected once: requests of several partitions start together, so the
   * connection is shared as a promise (a second producer would be created and never closed).
   */
  let connecting: Promise<Producer> | undefined;
  function getProducer(): Promise<Producer> {
    connecting ??= connectProducer();
    return connecting;
  }

  async function connectProducer(): Promise<Producer> {
    // Load the WebAssembly encoder before the first send so a missing file fails the processor
    // clearly instead of dead-lettering every batch.
    if (compression === CompressionTypes.ZSTD) {
      await zstdReady().catch((e: unknown) => {
        connecting = undefined;
        throw new EngineError(errorMessage(e), 'internal', 'ASP_KAFKA_CODEC', '$emit');
      });
    }
    const p = services.kafka(cfg.connectionName).producer({
      createPartitioner: chooser.producerPartitioner,
      allowAutoTopicCreation: true,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
    });
    producer = p;
    try {
      await withRetry(`connecting to Kafka (${cfg.connectionName})`, () => p.connect(), policy);
    } catch (e) {
      connecting = undefined;
      throw e;
    }
    return p;
  }

  /** One request: the items share a topic (and a partition, once the topic's metadata is known). */
  async function send(topic: string, items: Pending[]): Promise<void> {
    const messages = items.map((it) => it.msg);
    const p = await getProducer();
    await withRetry(`$emit to Kafka (${cfg.connectionName})`, () => p.sendBatch({ topicMessages: [{ topic, messages }], acks, compression }), policy);
    // Counted per sent request: a request that failed is retried one by one, and those count then.
    targets.add(topic, () => ({ topic }), messages.length, messages.length);
  }

  /** Encode (registry codecs) and send one request's messages, DLQ-ing only the culprits. */
  async function write(topic: string, chunk: Pending[], encoded: Promise<unknown>): Promise<void> {
    if (failure !== undefined) return;
    let items = chunk;
    if (valueEncoder) {
      await encoded;
      items = chunk.filter((it) => !it.failed);
    }
    if (items.length === 0) return;
    try {
      await send(topic, items);
    } catch (e) {
      if (e instanceof EngineError || isRetriableKafkaError(e)) throw e instanceof EngineError ? e : new EngineError(`$emit to Kafka failed: ${errorMessage(e)}`, 'external', 'ASP_CONNECTION', '$emit');
      for (const it of items) {
        try {
          await send(topic, [it]);
        } catch (e1) {
          if (e1 instanceof EngineError || isRetriableKafkaError(e1)) throw e1;
          fail(it.doc, it.meta, e1);
        }
      }
    }
  }

  /** Writes not yet acknowledged, with their message counts; the first failure is kept. */
  const inFlight = new Map<Promise<void>, number>();
  let unacked = 0;
  let failure: unknown;

  /**
   * Queue what was pushed as requests of at most SEND_CHUNK messages of one partition each, in
   * push order per partition (see Lanes): at most one request per partition is on the wire, so
   * a later request never overtakes an earlier one of its partition (through an Avro encoder,
   * compression or a retry), while the run loop goes on reading.
   */
  function startWrite(): void {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const n = batch.length;
    unacked += n;
    // Registry encoding runs once for the whole write; each request waits for it.
    const encoded = valueEncoder
      ? encodeWith(valueEncoder, batch, (it, e) => {
          it.failed = true;
          fail(it.doc, it.meta, e);
        })
      : Promise.resolve();
    // A registry failure reaches the requests (and so `failure`); none may leave it unhandled.
    encoded.catch(() => undefined);
    const groups = new Map<string, { topic: string; partition: number | undefined; items: Pending[] }>();
    for (const it of batch) {
      const k = it.msg.partition === undefined ? it.topic : `${it.topic}\u0000${it.msg.partition}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { topic: it.topic, partition: it.msg.partition, items: [] }));
      g.items.push(it);
    }
    const requests: Promise<void>[] = [];
    for (const g of groups.values()) {
      for (let i = 0; i < g.items.length; i += SEND_CHUNK) {
        const chunk = g.items.length <= SEND_CHUNK ? g.items : g.items.slice(i, i + SEND_CHUNK);
        requests.push(
          lanes.run(g.topic, g.partition, () =>
            write(g.topic, chunk, encoded).catch((e: unknown) => {
              // Kept at once, so the requests queued behind this one are not sent.
              failure ??= e;
              throw e;
            }),
          ),
        );
      }
    }
    const w: Promise<void> = Promise.all([encoded, ...requests])
      .then(
        () => undefined,
        (e: unknown) => {
          failure ??= e;
        },
      )
      .finally(() => {
        inFlight.delete(w);
        unacked -= n;
      });
    inFlight.set(w, n);
  }

  function rethrow(): void {
    if (failure !== undefined) throw failure;
  }

  return {
    push(doc, meta) {
      try {
        ctx.current = doc;
        ctx.root = doc;
        ctx.meta = meta;
        let topic: string;
        if ('literal' in cfg.topic) topic = cfg.topic.literal;
        else {
          const t = cfg.topic.expr(ctx);
          if (typeof t !== 'string' || t.length === 0) throw new ExprError(`the $emit topic expression must evaluate to a non-empty string`);
          topic = t;
        }
        const msg: Message = { value: null };
        if (cfg.key) msg.key = encodeKey(cfg.key(ctx), cfg.keyFormat);
        // Chosen now, in push order, so each partition's requests can queue in that order.
        const partition = chooser.partitionOf(topic, msg);
        if (partition !== undefined) msg.partition = partition;
        if (cfg.headers) msg.headers = encodeHeaders(cfg.headers(ctx));
        let tomb = false;
        if (cfg.tombstoneWhen) {
          const t = cfg.tombstoneWhen(ctx);
          if (typeof t !== 'boolean') throw new ExprError('tombstoneWhen must evaluate to a boolean');
          tomb = t;
        }
        if (!tomb && !valueEncoder) msg.value = encodeValue(doc, cfg.outputFormat, cfg.isoDates);
        pending.push({ topic, msg, doc, meta, encode: !tomb && valueEncoder !== undefined });
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        fail(doc, meta, e);
      }
    },
    async dispatch() {
      rethrow();
      startWrite();
      while (unacked > MAX_IN_FLIGHT && inFlight.size > 0) await Promise.race(inFlight.keys());
      rethrow();
    },
    async drain() {
      startWrite();
      // Only the writes started so far: dispatch() may start more while this waits.
      await Promise.all([...inFlight.keys()]);
      rethrow();
    },
    targetStats: () => targets.stats(),
    async close() {
      const p = producer;
      producer = undefined;
      connecting = undefined;
      if (p) await p.disconnect().catch(() => undefined);
    },
  };
}
