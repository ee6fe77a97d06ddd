/**
 * The Kafka Source behind `$source` (kafkajs). Records are decoded as they arrive and queued;
 * read() hands them out in batches. The queue is bounded: the fetch loop waits (heartbeating)
 * while it is full. Positions are the next offset per partition handed out, which is what a
 * checkpoint stores and what seek() restores.
 */
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Long } from 'bson';
import type { Doc, Value } from '../../core/types';
import type { Meta } from '../../core/meta';
import { EngineError, errorMessage } from '../../core/errors';
import { isPlainObject } from '../../bson/types';
import { newEvalCtx } from '../../expr/compile';
import type { EvalCtx } from '../../expr/types';
import type { Source, SourceBatch, SourceRecord } from '../../core/source';
import type { SourceEnv, KafkaSourceConfig, Services } from '../../io/types';
import { stampEventTime } from '../../sources/common';
import { abortableSleep } from '../../time/sleep';
import { withRetry } from '../retry';
import { consumerTuning } from './config';
import { decodeHeaders, decodeKey, decodeValue } from './decode';
import { decodeWith, type KafkaValueDecoder } from './valueCodec';
import { EndOffsets, partitionLag } from './endOffsets';

const OPERATOR = 'KafkaConsumerOperator';
const HIGH_WATER = 20_000;
const READ_BATCH = 4096;
/** How long read() waits for data before returning an empty batch (so the caller can tick). */
const READ_WAIT_MS = 50;

interface Queued {
  rec: SourceRecord;
  tp: string;
  next: number;
}

export class KafkaSource implements Source {
  readonly type = 'kafka';
  private consumer: Consumer | undefined;
  private queue: Queued[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private space: (() => void) | undefined;
  /** Next offset handed out by read(), per "topic:partition": the checkpoint position. */
  private readonly handed = new Map<string, number>();
  /** Next offset queued, per partition: anything below it is a redelivery and skipped. */
  private readonly fetched = new Map<string, number>();
  /** Seeks waiting for the partition to be assigned (from a checkpoint or a restart). */
  private readonly pendingSeek = new Map<string, number>();
  /** Until the seek takes effect, batches starting elsewhere are ignored. */
  private readonly expectStart = new Map<string, number>();
  private readonly assigned = new Set<string>();
  private readonly lastActivity = new Map<string, number>();
  private readonly ectx: EvalCtx;
  private readonly groupId: string;
  /** Commit processed offsets after every batch ("as data flows"); otherwise after checkpoints. */
  private readonly commitPerBatch: boolean;
  get commitsEachBatch(): boolean {
    return this.commitPerBatch;
  }
  private closed = false;
  private failure: unknown;
  /** Broker end offsets for the lag fields of stats; refreshed off the consume path. */
  private endOffsets: EndOffsets | undefined;

  /** `valueDecoder` replaces the JSON value decoding (Avro through a schema registry). */
  constructor(private readonly cfg: KafkaSourceConfig, private readonly env: SourceEnv, private readonly valueDecoder?: KafkaValueDecoder) {
    this.ectx = newEvalCtx(env.slotCount, env.clock);
    const ephemeralNoGroup = env.ephemeral && cfg.groupId === undefined;
    this.groupId = cfg.groupId ?? (ephemeralNoGroup ? `asp-preview-${env.processorId}-${Date.now().toString(36)}` : `asp-${env.processorId}-consumer`);
    // kafkajs auto-commit is never used: it marks records as they are queued, before they are
    // processed. A persistent processor commits its checkpoints' positions, so the group never
    // runs ahead of a checkpoint: partitions a restored checkpoint does not know then have no
    // committed offset and start at auto_offset_reset, and window state lost in a crash is
    // always replayed. enable_auto_commit: true commits processed offsets after every batch.
    this.commitPerBatch = cfg.enableAutoCommit ?? (env.ephemeral && cfg.groupId !== undefined);
  }

  private get services(): Services {
    if (!this.env.services) throw new EngineError('the Kafka source needs connections', 'internal', 'ASP_NO_SERVICES');
    return this.env.services as Services;
  }

  async connect(signal: AbortSignal): Promise<void> {
    const s = this.services;
    const conn = s.kafkaConnection(this.cfg.connectionName);
    const consumer = s.kafka(this.cfg.connectionName).consumer({
      groupId: this.groupId,
      ...consumerTuning(conn),
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 3000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => this.onAssign(e.payload.memberAssignment));
    consumer.on(consumer.events.CRASH, (e) => {
      const error = errorMessage(e.payload.error);
      s.retry.onRetry?.({ what: `Kafka source ${this.cfg.topics.join(',')}`, attempt: 0, delayMs: 0, error });
      if (!e.payload.restart) this.failure = new EngineError(`Kafka consumer for ${this.cfg.topics.join(',')} stopped: ${error}`, 'external', 'ASP_CONNECTION');
      this.wake?.();
    });
    const retryable = (e: unknown): boolean => !(e instanceof EngineError && e.domain !== 'external');
    await withRetry(`connecting to Kafka (${this.cfg.connectionName})`, async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: this.cfg.topics, fromBeginning: this.cfg.fromBeginning });
    }, { retryable, signal, policy: s.retry.policy, onRetry: s.retry.onRetry });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (p) => this.onBatch(p),
    });
    this.endOffsets = new EndOffsets(s.kafka(this.cfg.connectionName), this.cfg.topics);
    // Previews rarely ask for stats: they open the admin connection on the first ask.
    if (!this.env.ephemeral) this.endOffsets.start();
  }

  private onAssign(assignment: Record<string, number[]>): void {
    const now = this.env.clock.now();
    // Each join carries the whole assignment: partitions moved to another member are not ours.
    this.assigned.clear();
    for (const [topic, parts] of Object.entries(assignment)) {
      for (const partition of parts) {
        const tp = `${topic}:${partition}`;
        this.assigned.add(tp);
        if (!this.lastActivity.has(tp)) this.lastActivity.set(tp, now);
        // After a restart the group may hand out the committed offset: continue where we are.
        const at = this.pendingSeek.get(tp) ?? this.fetched.get(tp);
        if (at !== undefined) {
          this.pendingSeek.delete(tp);
          this.expectStart.set(tp, at);
          this.fetched.set(tp, at);
          this.consumer?.seek({ topic, partition, offset: String(at) });
        }
      }
    }
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const tp = `${batch.topic}:${batch.partition}`;
    const msgs = batch.messages;
    let i = 0;
    // Nothing else runs between two awaits: running and stale only need checking after one.
    while (i < msgs.length) {
      if (!isRunning() || isStale() || this.closed) return;
      if (this.queue.length - this.head >= HIGH_WATER) {
        await new Promise<void>((r) => {
          this.space = r;
          setTimeout(r, 1000);
        });
        await heartbeat();
        continue;
      }
      const end = Math.min(msgs.length, i + HIGH_WATER - (this.queue.length - this.head));
      let fetched = this.fetched.get(tp) ?? -1;
      let expect = this.expectStart.get(tp);
      let stop = false;
      for (; i < end; i++) {
        const m = msgs[i]!;
        const offset = Number(m.offset);
        if (expect !== undefined) {
          if (offset > expect) return; // a fetch from before our seek; the seek refetches
          if (offset === expect) {
            this.expectStart.delete(tp);
            expect = undefined;
          }
        }
        if (offset < fetched) continue;
        let value: ReturnType<typeof decodeValue> | undefined;
        if (this.valueDecoder) {
          try {
            value = await decodeWith(this.valueDecoder, m.value, batch.topic);
          } catch (e) {
            // The decoder itself failed (its registry is unreachable): stop before this record.
            this.failure = e;
            stop = true;
            break;
          }
          // An await ran: the group may have rebalanced meanwhile.
          if (!isRunning() || isStale() || this.closed) {
            stop = true;
            break;
          }
        }
        this.queue.push({ rec: this.decode(batch.topic, batch.partition, tp, offset, m, value), tp, next: offset + 1 });
        fetched = offset + 1;
      }
      if (fetched >= 0) this.fetched.set(tp, fetched);
      // One resolve per slice: kafkajs does Long arithmetic on every call.
      if (fetched >= 0 && fetched - 1 >= Number(msgs[0]!.offset)) resolveOffset(String(fetched - 1));
      this.wake?.();
      if (stop) return;
      this.wake?.();
    }
    await heartbeat();
  }

  private decode(topic: string, partition: number, input: string, offset: number, m: KafkaMessage, decoded?: ReturnType<typeof decodeValue>): SourceRecord {
    const source: Doc = { type: 'kafka', topic, partition, offset: Long.fromNumber(offset) };
    const meta: Meta = { ts: Number(m.timestamp), source };
    const size = m.value?.length ?? 0;
    let key: Value;
    let keyBad = false;
    if (m.key !== null && m.key !== undefined) {
      key = decodeKey(m.key, this.cfg.keyFormat);
      if (key === undefined) {
        keyBad = true;
        key = decodeKey(m.key, 'binData');
      }
      source['key'] = key;
    }
    source['headers'] = decodeHeaders(m.headers as Record<string, Buffer | string | undefined>);
    const v = decoded ?? decodeValue(m.value);
    if ('error' in v) {
      return { meta, input, size, dlq: { operatorName: OPERATOR, reason: `Failed to parse input message with error:${v.error}`, meta } };
    }
    const doc = v.doc;
    if (keyBad && this.cfg.keyFormatError === 'dlq') {
      return { meta, input, size, dlq: { operatorName: OPERATOR, reason: `Failed to deserialize the Kafka key according to the specified key format '${this.cfg.keyFormat}'`, doc, meta } };
    }
    const bad = stampEventTime(doc, meta, meta.ts, this.cfg, this.ectx, OPERATOR);
    return bad ? { meta, input, size, dlq: bad } : { doc, meta, input, size };
  }

  async read(signal: AbortSignal): Promise<SourceBatch> {
    if (this.failure) throw this.failure;
    if (this.head >= this.queue.length) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        void abortableSleep(READ_WAIT_MS, signal).then(resolve);
      });
      this.wake = undefined;
      if (this.failure) throw this.failure;
    }
    const end = Math.min(this.queue.length, this.head + READ_BATCH);
    const records: SourceRecord[] = [];
    const now = this.env.clock.now();
    for (let i = this.head; i < end; i++) {
      const q = this.queue[i]!;
      records.push(q.rec);
      this.handed.set(q.tp, q.next);
      this.lastActivity.set(q.tp, now);
    }
    this.head = end;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.queue.length - this.head < HIGH_WATER) this.space?.();
    return { records };
  }

  /** Commit processed offsets (per batch) or a durable checkpoint's, per the commit policy. */
  async commit(checkpointed?: Value): Promise<void> {
    if (checkpointed === undefined) {
      if (this.commitPerBatch) await this.commitOffsets(this.handed);
      return;
    }
    if (this.commitPerBatch || !isPlainObject(checkpointed) || !Array.isArray(checkpointed['partitions'])) return;
    const at = new Map<string, number>();
    for (const p of checkpointed['partitions']) {
      if (isPlainObject(p) && typeof p['tp'] === 'string' && typeof p['offset'] === 'number') at.set(p['tp'], p['offset']);
    }
    await this.commitOffsets(at);
  }

  private async commitOffsets(next: Map<string, number>): Promise<void> {
    // Only assigned partitions: a commit for another member's partition fails the whole request.
    const offsets = [...next].filter(([tp]) => this.assigned.has(tp)).map(([tp, n]) => {
      const i = tp.lastIndexOf(':');
      return { topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)), offset: String(n) };
    });
    if (!this.consumer || offsets.length === 0) return;
    // Best effort: the checkpoint, not the group, is the position of record.
    await this.consumer.commitOffsets(offsets).catch(() => undefined);
  }

  position(): Value {
    return { partitions: [...this.handed].map(([tp, next]) => ({ tp, offset: next })) };
  }

  seek(position: Value): void {
    if (!isPlainObject(position) || !Array.isArray(position['partitions'])) return;
    for (const p of position['partitions']) {
      if (!isPlainObject(p) || typeof p['tp'] !== 'string' || typeof p['offset'] !== 'number') continue;
      const tp = p['tp'];
      const at = p['offset'];
      this.handed.set(tp, at);
      // Records queued from the group's default start are not ours to hand out.
      this.queue = this.queue.slice(this.head).filter((q) => q.tp !== tp);
      this.head = 0;
      if (this.assigned.has(tp) && this.consumer) {
        const i = tp.lastIndexOf(':');
        this.fetched.set(tp, at);
        this.expectStart.set(tp, at);
        this.consumer.seek({ topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)), offset: String(at) });
      } else {
        this.pendingSeek.set(tp, at);
      }
    }
  }

  idleInputs(now: number): string[] {
    const t = this.cfg.partitionIdleTimeoutMs;
    if (t === undefined) return [];
    const out: string[] = [];
    for (const tp of this.assigned) if (now - (this.lastActivity.get(tp) ?? now) >= t) out.push(tp);
    return out;
  }

  stats(): Record<string, Value> {
    const idle = new Set(this.idleInputs(this.env.clock.now()));
    this.endOffsets?.start();
    // Atlas's total is the sum of the partitions' lags, null when any of them is unknown.
    let total: number | null = 0;
    const kafkaPartitions = [...this.assigned].sort().map((tp) => {
      const i = tp.lastIndexOf(':');
      const currentOffset = this.handed.get(tp) ?? null;
      const partitionOffsetLag = partitionLag(this.endOffsets?.end(tp), currentOffset);
      total = partitionOffsetLag === null || total === null ? null : total + partitionOffsetLag;
      return { topic: tp.slice(0, i), partition: Number(tp.slice(i + 1)), currentOffset, partitionOffsetLag, isIdle: idle.has(tp) };
    });
    return { kafkaConsumerGroup: this.groupId, kafkaPartitions, kafkaTotalOffsetLag: total };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.space?.();
    this.wake?.();
    const c = this.consumer;
    this.consumer = undefined;
    await this.endOffsets?.stop();
    if (c) await c.disconnect().catch(() => undefined);
  }
}
