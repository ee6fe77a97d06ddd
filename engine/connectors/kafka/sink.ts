/**
 * The Kafka sink behind `$emit`: push() evaluates and encodes each document (failures go to
 * the DLQ); dispatch() (between batches) queues what was buffered as one write (requests of
 * SEND_CHUNK messages; writes go out one after another, in order) and returns while it is
 * pending, waiting only when more than
 * MAX_IN_FLIGHT messages are unacknowledged; drain() resolves once the broker acknowledged
 * everything pushed so far. Checkpoints await drain() between their cut and their save, so a
 * checkpoint never covers output that is not acknowledged. A request the broker refuses for a
 * non-retriable reason is resent one message at a time so only the culprits go to the DLQ; a
 * send that still fails after its retries fails the processor at the next dispatch() or
 * drain() (never skipped), and the checkpoint waiting for it is not saved.
 */
import { CompressionTypes, Partitioners, type ICustomPartitioner, type Message, type Producer, type TopicMessages } from 'kafkajs';
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

const OPERATOR = 'KafkaEmitOperator';
/** kafkajs groups a request's messages per partition in O(n^2): keep requests small. */
const SEND_CHUNK = 500;
/**
 * Unacknowledged messages dispatch() lets through before it waits: enough to keep several
 * requests on the wire while the next batches are read and processed, bounded so memory and
 * the replay after a failure stay small.
 */
const MAX_IN_FLIGHT = 16_384;

/**
 * Keyless messages fill one partition for SEND_CHUNK messages, then move to the next (Kafka's
 * own clients do the same), so a request usually carries one record batch; keyed messages and
 * explicit partitions go through kafkajs's default partitioner. kafkajs's default also filters
 * the partition list once per message, which this avoids for keyless messages.
 */
export const stickyPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  const state = new Map<string, { at: number; left: number }>();
  return (args) => {
    const m = args.message;
    if ((m.key !== null && m.key !== undefined) || (m.partition !== null && m.partition !== undefined)) return byKey(args);
    let s = state.get(args.topic);
    if (!s) state.set(args.topic, (s = { at: Math.floor(Math.random() * 1024), left: SEND_CHUNK }));
    if (s.left-- <= 0) {
      s.at++;
      s.left = SEND_CHUNK - 1;
    }
    const parts = args.partitionMetadata;
    // Skip partitions without a leader, as the default partitioner does.
    for (let i = 0; i < parts.length; i++) {
      const p = parts[(s.at + i) % parts.length]!;
      if (p.leader >= 0) return p.partitionId;
    }
    return parts[s.at % parts.length]!.partitionId;
  };
};

interface Pending {
  topic: string;
  msg: Message;
  doc: Doc;
  meta: Meta;
  /** The value is left to the valueEncoder (in drain, which may await its registry). */
  encode?: boolean;
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
  const policy = { retryable: isRetriableKafkaError, policy: services.retry.policy, onRetry: services.retry.onRetry };

  const fail = (doc: Doc, meta: Meta, e: unknown): void => {
    rt.dlq({ operatorName: OPERATOR, reason: `Failed to process input document in ${OPERATOR} with error: ${errorMessage(e)}`, doc, meta });
  };

  async function getProducer(): Promise<Producer> {
    if (producer) return producer;
    // Load the WebAssembly encoder before the first send so a missing file fails the processor
    // clearly instead of dead-lettering every batch.
    if (compression === CompressionTypes.ZSTD) {
      await zstdReady().catch((e: unknown) => {
        throw new EngineError(errorMessage(e), 'internal', 'ASP_KAFKA_CODEC', '$emit');
      });
    }
    const p = services.kafka(cfg.connectionName).producer({
      createPartitioner: stickyPartitioner,
      allowAutoTopicCreation: true,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
    });
    await withRetry(`connecting to Kafka (${cfg.connectionName})`, () => p.connect(), policy);
    producer = p;
    return p;
  }

  async function send(all: Pending[]): Promise<void> {
    // Uncompressed chunks go out together: kafkajs writes them to the broker's one connection
    // in call order. Compression is asynchronous (a smaller chunk can finish first), so those
    // chunks go one after the other to keep each partition's order.
    if (compression !== CompressionTypes.None) {
      for (let i = 0; i < all.length; i += SEND_CHUNK) await sendChunk(all.slice(i, i + SEND_CHUNK));
      return;
    }
    const chunks: Promise<void>[] = [];
    for (let i = 0; i < all.length; i += SEND_CHUNK) chunks.push(sendChunk(all.slice(i, i + SEND_CHUNK)));
    await Promise.all(chunks);
  }

  async function sendChunk(items: Pending[]): Promise<void> {
    let topicMessages: TopicMessages[];
    if ('literal' in cfg.topic) topicMessages = [{ topic: cfg.topic.literal, messages: items.map((it) => it.msg) }];
    else {
      const byTopic = new Map<string, Message[]>();
      for (const it of items) {
        let l = byTopic.get(it.topic);
        if (!l) byTopic.set(it.topic, (l = []));
        l.push(it.msg);
      }
      topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    }
    const p = await getProducer();
    await withRetry(`$emit to Kafka (${cfg.connectionName})`, () => p.sendBatch({ topicMessages, acks, compression }), policy);
    // Counted per sent chunk: a chunk that failed is retried one by one, and those count then.
    for (const t of topicMessages) targets.add(t.topic, () => ({ topic: t.topic }), t.messages.length, t.messages.length);
  }

  /** Encode (registry codecs) and send one dispatch's messages, DLQ-ing only the culprits. */
  async function write(batch: Pending[]): Promise<void> {
    let items = batch;
    if (valueEncoder) items = await encodeWith(valueEncoder, items, (it, e) => fail(it.doc, it.meta, e));
    if (items.length === 0) return;
    try {
      await send(items);
    } catch (e) {
      if (e instanceof EngineError || isRetriableKafkaError(e)) throw e instanceof EngineError ? e : new EngineError(`$emit to Kafka failed: ${errorMessage(e)}`, 'external', 'ASP_CONNECTION', '$emit');
      for (const it of items) {
        try {
          await send([it]);
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
  // Each write starts when the one before it is acknowledged: the run loop goes on reading while
  // a write is on the wire, and a partition's messages reach the broker in the order they were
  // pushed (concurrent writes could overtake each other through an Avro encoder, compression or a
  // retry).
  let last: Promise<void> = Promise.resolve();

  function startWrite(): void {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const n = batch.length;
    unacked += n;
    const w: Promise<void> = last
      .then(() => (failure === undefined ? write(batch) : undefined))
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => {
        inFlight.delete(w);
        unacked -= n;
      });
    inFlight.set(w, n);
    last = w;
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
      if (p) await p.disconnect().catch(() => undefined);
    },
  };
}
