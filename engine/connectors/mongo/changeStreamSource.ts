/**
 * The change-stream Source (node driver). read() drains what the stream has with tryNext();
 * servers that answer getMore at once when idle (mongo-java-server) are paced to
 * maxAwaitTimeMS so an idle stream does not spin. A lost stream is reopened after the last
 * token with backoff; seek() reopens after a checkpointed token.
 */
import { normalizeNumbers } from '../../bson/numbers';
import type { ChangeStream, ChangeStreamOptions, Document, MongoClient } from 'mongodb';
import type { Doc, Value } from '../../core/types';
import type { Meta } from '../../core/meta';
import { EngineError } from '../../core/errors';
import { isPlainObject } from '../../bson/types';
import { newEvalCtx } from '../../expr/compile';
import type { EvalCtx } from '../../expr/types';
import type { Source, SourceBatch, SourceRecord } from '../../sources/types';
import type { SourceEnv } from '../../sources/flavour';
import { stampEventTime } from '../../sources/common';
import type { ChangeStreamConfig } from '../../sources/changeStream';
import type { Services } from '../services';
import { abortableSleep, withRetry } from '../retry';
import { isTransientMongoError } from './target';

const OPERATOR = 'ChangeStreamConsumerOperator';
const MAX_BATCH = 512;
/** Idle pacing: never ask an instantly-answering server more often than this. */
const IDLE_PACE_MS = 100;

export class ChangeStreamSource implements Source {
  readonly type = 'atlas';
  private stream: ChangeStream | undefined;
  private token: Value;
  private resumeFrom: Doc | undefined;
  private reopen = false;
  private readonly ectx: EvalCtx;

  constructor(private readonly cfg: ChangeStreamConfig, private readonly env: SourceEnv) {
    this.ectx = newEvalCtx(env.slotCount, env.clock);
  }

  private get services(): Services {
    if (!this.env.services) throw new EngineError('the change stream source needs connections', 'internal', 'ASP_NO_SERVICES');
    return this.env.services as Services;
  }

  private open(client: MongoClient): ChangeStream {
    const c = this.cfg;
    // promoteValues: false keeps int32 and double apart (normalizeNumbers in toRecord).
    const opts: ChangeStreamOptions = { maxAwaitTimeMS: c.maxAwaitTimeMS, promoteValues: false };
    if (c.fullDocument !== 'default') opts.fullDocument = c.fullDocument;
    if (c.fullDocumentBeforeChange !== 'off') opts.fullDocumentBeforeChange = c.fullDocumentBeforeChange;
    if (this.resumeFrom) opts.startAfter = this.resumeFrom;
    else if (c.startAfter) opts.startAfter = c.startAfter;
    else if (c.startAtOperationTime) opts.startAtOperationTime = c.startAtOperationTime;
    const pipeline: Document[] = [...c.pipeline];
    if (c.db === undefined) return client.watch(pipeline, opts);
    const db = client.db(c.db);
    if (c.colls && c.colls.length === 1) return db.collection(c.colls[0]!).watch(pipeline, opts);
    if (c.colls) pipeline.unshift({ $match: { 'ns.coll': { $in: c.colls } } });
    return db.watch(pipeline, opts);
  }

  private async ensureOpen(signal?: AbortSignal): Promise<ChangeStream> {
    if (this.stream && !this.reopen) return this.stream;
    const old = this.stream;
    this.stream = undefined;
    this.reopen = false;
    if (old) await old.close().catch(() => undefined);
    const s = this.services;
    this.stream = await withRetry(`opening the change stream on ${this.cfg.connectionName}`, async () => this.open(await s.mongo(this.cfg.connectionName)), {
      retryable: isTransientMongoError, signal, policy: s.retry.policy, onRetry: s.retry.onRetry,
    });
    return this.stream;
  }

  /** Events read while establishing the cursor, handed out by the next read(). */
  private pending: Doc[] = [];

  async connect(signal: AbortSignal): Promise<void> {
    const stream = await this.ensureOpen(signal);
    // The driver opens the server-side cursor lazily, on the first read. A stream "starts now"
    // when the processor starts, so open it here: events written from now on are not missed.
    const first = (await stream.tryNext()) as Doc | null;
    if (first) this.pending.push(first);
    else if (stream.resumeToken) this.token = stream.resumeToken;
  }

  private toRecord(ev: Doc): SourceRecord {
    ev = normalizeNumbers(ev) as Doc;
    const source: Doc = { type: 'atlas', operationType: ev['operationType'] };
    if (ev['ns'] !== undefined) source['ns'] = ev['ns'];
    if (ev['documentKey'] !== undefined) source['documentKey'] = ev['documentKey'];
    const meta: Meta = { ts: 0, source };
    let native: number;
    const wall = ev['wallTime'];
    if (wall !== undefined) {
      if (!(wall instanceof Date)) return { meta, dlq: { operatorName: OPERATOR, reason: "Change event's wall time was not a date", doc: ev, meta } };
      native = wall.getTime();
    } else {
      const ct = ev['clusterTime'] as { high?: number; getHighBits?: () => number } | undefined;
      native = ct?.getHighBits ? ct.getHighBits() * 1000 : this.env.clock.now();
    }
    let doc: Doc = ev;
    if (this.cfg.fullDocumentOnly) {
      const fd = ev['fullDocument'];
      doc = isPlainObject(fd) ? fd : {};
    }
    const bad = stampEventTime(doc, meta, native, this.cfg, this.ectx, OPERATOR);
    return bad ? { meta, dlq: bad } : { doc, meta };
  }

  async read(signal: AbortSignal): Promise<SourceBatch> {
    const records: SourceRecord[] = [];
    const started = Date.now();
    try {
      const stream = await this.ensureOpen(signal);
      for (const ev of this.pending.splice(0)) {
        records.push(this.toRecord(ev));
        this.token = ev['_id'];
      }
      while (records.length < MAX_BATCH && !signal.aborted) {
        const ev = (await stream.tryNext()) as Doc | null;
        if (ev === null) break;
        records.push(this.toRecord(ev));
        this.token = ev['_id'];
      }
      if (records.length === 0 && stream.resumeToken) this.token = stream.resumeToken;
    } catch (e) {
      if (!isTransientMongoError(e) && !(e as { name?: string }).name?.startsWith('MongoChangeStream')) throw e;
      // Reopen after the last token we handed out; nothing read since is lost.
      this.resumeFrom = isPlainObject(this.token) ? this.token : this.resumeFrom;
      this.reopen = true;
      this.services.retry.onRetry?.({ what: `change stream on ${this.cfg.connectionName}`, attempt: 0, delayMs: IDLE_PACE_MS, error: String((e as Error).message) });
    }
    if (records.length === 0) {
      const spent = Date.now() - started;
      const pace = Math.min(this.cfg.maxAwaitTimeMS, IDLE_PACE_MS);
      if (spent < pace) await abortableSleep(pace - spent, signal);
    }
    return { records };
  }

  position(): Value {
    return this.token === undefined ? null : { resumeToken: this.token };
  }

  seek(position: Value): void {
    if (isPlainObject(position) && isPlainObject(position['resumeToken'])) {
      this.resumeFrom = position['resumeToken'];
      this.token = this.resumeFrom;
      this.reopen = true;
    }
  }

  stats(): Record<string, Value> {
    // Absent until the stream is open, so callers can wait for "listening".
    return this.stream ? { changeStreamState: this.token ?? null } : {};
  }

  async close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    if (s) await s.close().catch(() => undefined);
  }
}
