/**
 * The change-stream Source (node driver). read() drains what the stream has with tryNext();
 * servers that answer getMore at once when idle (mongo-java-server) are paced to
 * maxAwaitTimeMS so an idle stream does not spin. A lost stream is reopened from the current
 * position with backoff; seek() reopens from a checkpointed one.
 *
 * The position is where a new stream must start to see everything not yet handed out: after a
 * resume token (an event's, or the server's postBatchResumeToken), or at an operation time
 * (inclusive) while the first event of a "now" start is still pending. connect() sends the
 * initial aggregate and takes the position from its reply, so the source is open (stats show
 * `changeStreamState`) only once a restart from its position would miss nothing.
 *
 * With `initialSync` the stream stays open from that position while the collections are scanned
 * (initialSync.ts): each scan read is bracketed by drains of the stream, and each drained event is
 * delivered or dropped so that nothing is missed or handed out twice. A step's drains move the
 * position only once the step succeeded; a failed one reopens the stream where it stood. The
 * checkpoint position then carries the scan's too.
 */
import { calculateObjectSize } from 'bson';
import { normalizeNumbers } from '../../bson/numbers';
import type { ChangeStream, ChangeStreamOptions, Document, MongoClient, Timestamp } from 'mongodb';
import type { Doc, Value } from '../../core/types';
import type { Meta } from '../../core/meta';
import { EngineError } from '../../core/errors';
import { isPlainObject } from '../../bson/types';
import { newEvalCtx } from '../../expr/compile';
import type { EvalCtx } from '../../expr/types';
import type { Source, SourceBatch, SourceRecord } from '../../core/source';
import type { SourceEnv, ChangeStreamConfig, Services } from '../../io/types';
import { stampEventTime } from '../../sources/common';
import { abortableSleep } from '../../time/sleep';
import { withRetry } from '../retry';
import { isTransientMongoError } from './target';
import { InitialSync } from './initialSync';
import { OplogHead, timeDifferenceSecs } from './oplogHead';

const OPERATOR = 'ChangeStreamConsumerOperator';
/** Events per read at most (one batch of the run loop). */
export const MAX_BATCH = 512;
/** Idle pacing: never ask an instantly-answering server more often than this. */
const IDLE_PACE_MS = 100;

/** After a resume token, or from an operation time on (inclusive). */
export type StreamPosition = { resumeToken: Doc } | { startAtOperationTime: Timestamp };

function isTimestamp(v: unknown): v is Timestamp {
  return (v as { _bsontype?: string } | null)?._bsontype === 'Timestamp';
}

/** A checkpointed position (both shapes), or undefined for anything else. */
export function parseStreamPosition(v: Value): StreamPosition | undefined {
  if (!isPlainObject(v)) return undefined;
  if (isPlainObject(v['resumeToken'])) return { resumeToken: v['resumeToken'] };
  if (isTimestamp(v['startAtOperationTime'])) return { startAtOperationTime: v['startAtOperationTime'] };
  return undefined;
}

export class ChangeStreamSource implements Source {
  readonly type = 'atlas';
  private stream: ChangeStream | undefined;
  /** Where a new stream must start to see everything not handed out yet; undefined: unknown. */
  private at: StreamPosition | undefined;
  /** Where the next open() starts: a seek or the position at a lost stream. */
  private resumeAt: StreamPosition | undefined;
  private reopen = false;
  private opened = false;
  private readonly ectx: EvalCtx;
  /** Events read by connect() before anything was handed out; the next read() returns them. */
  private pending: Doc[] = [];
  private readonly sync: InitialSync | undefined;
  /** The cluster time of the position, for changeStreamTimeDifferenceSecs; unknown for a bare token. */
  private posTs: Timestamp | undefined;
  /** The last read drained the stream: its resume token is the server's latest (lag 0). */
  private caughtUp = false;
  private head: OplogHead | undefined;
  /** While a sync step drains the stream: where it got to, committed when the step succeeds. */
  private draft: { at: StreamPosition | undefined; posTs: Timestamp | undefined } | undefined;

  constructor(private readonly cfg: ChangeStreamConfig, private readonly env: SourceEnv) {
    this.ectx = newEvalCtx(env.slotCount, env.clock);
    if (cfg.initialSync) this.sync = new InitialSync(cfg);
  }

  private get services(): Services {
    if (!this.env.services) throw new EngineError('the change stream source needs connections', 'internal', 'ASP_NO_SERVICES');
    return this.env.services as Services;
  }

  /** The configured start, when it is an explicit position ("now" has none until the server answers). */
  private configuredStart(): StreamPosition | undefined {
    if (this.cfg.startAfter) return { resumeToken: this.cfg.startAfter };
    if (this.cfg.startAtOperationTime) return { startAtOperationTime: this.cfg.startAtOperationTime };
    return undefined;
  }

  private open(client: MongoClient): ChangeStream {
    const c = this.cfg;
    // promoteValues: false keeps int32 and double apart (normalizeNumbers in toRecord).
    const opts: ChangeStreamOptions = { maxAwaitTimeMS: c.maxAwaitTimeMS, promoteValues: false };
    if (c.fullDocument !== 'default') opts.fullDocument = c.fullDocument;
    if (c.fullDocumentBeforeChange !== 'off') opts.fullDocumentBeforeChange = c.fullDocumentBeforeChange;
    const from = this.resumeAt ?? this.configuredStart();
    if (from && 'resumeToken' in from) opts.startAfter = from.resumeToken;
    else if (from) opts.startAtOperationTime = from.startAtOperationTime;
    this.at = from;
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

  async connect(signal: AbortSignal): Promise<void> {
    // The driver sends the aggregate on the first read, and a "now" stream starts where the
    // server is when that aggregate arrives. Send it here and take the position from the reply:
    // the first event's operation time (it is not handed out yet), else the server's
    // postBatchResumeToken. Until then a write would be seen or not by chance.
    const s = this.services;
    const { stream, first } = await withRetry(`opening the change stream on ${this.cfg.connectionName}`, async () => {
      const stream = await this.ensureOpen(signal);
      try {
        return { stream, first: (await stream.tryNext()) as Doc | null };
      } catch (e) {
        this.reopen = true;
        throw e;
      }
    }, { retryable: isTransientMongoError, signal, policy: s.retry.policy, onRetry: s.retry.onRetry });
    this.head = new OplogHead(() => s.mongo(this.cfg.connectionName));
    if (!this.env.ephemeral) this.head.start();
    if (first) {
      this.pending.push(first);
      const ct = first['clusterTime'];
      this.at ??= isTimestamp(ct) ? { startAtOperationTime: ct } : undefined;
      if (isTimestamp(ct)) this.posTs = ct;
    } else {
      this.takeResumeToken(stream);
      this.caughtUp = true;
    }
    if (this.sync?.active) await this.beginSync(signal);
    this.opened = true;
  }

  /** The stream's position is taken; fix the collections to scan. Its lag grows from the oplog head of now. */
  private async beginSync(signal: AbortSignal): Promise<void> {
    const s = this.services;
    await withRetry(`listing the collections of ${this.cfg.connectionName} for initialSync`, async () => this.sync!.plan(await s.mongo(this.cfg.connectionName)), {
      retryable: isTransientMongoError, signal, policy: s.retry.policy, onRetry: s.retry.onRetry,
    });
    await this.head?.refresh();
    this.posTs ??= this.head?.head();
    this.caughtUp = false;
  }

  /**
   * Everything the stream has now, for a sync step: the events connect() read first, then until
   * the server has no more. The position moves in `draft` only.
   */
  private async drain(signal: AbortSignal): Promise<Doc[]> {
    const stream = await this.ensureOpen(signal);
    const d = (this.draft ??= { at: this.at, posTs: this.posTs });
    const out: Doc[] = [...this.pending];
    for (;;) {
      const ev = (await stream.tryNext()) as Doc | null;
      if (ev === null) break;
      out.push(ev);
    }
    for (const ev of out) {
      if (isPlainObject(ev['_id'])) d.at = { resumeToken: ev['_id'] };
      if (isTimestamp(ev['clusterTime'])) d.posTs = ev['clusterTime'];
    }
    this.pending = [];
    const t = stream.resumeToken as Value;
    if (isPlainObject(t)) d.at = { resumeToken: t };
    return out;
  }

  /** One initialSync step, its drains' position committed with it; a failed step reopens the stream. */
  private async syncStep(signal: AbortSignal): Promise<SourceRecord[]> {
    const s = this.services;
    const step = await withRetry(`initialSync on ${this.cfg.connectionName}`, async () => {
      const pending = this.pending;
      try {
        return await this.sync!.next(await s.mongo(this.cfg.connectionName), () => this.drain(signal));
      } catch (e) {
        this.draft = undefined;
        // Reopen where the last step left it: the events drained since come again.
        this.resumeAt = this.at ?? this.resumeAt;
        this.pending = this.resumeAt ? [] : pending;
        this.reopen = true;
        throw e;
      }
    }, { retryable: (e) => isTransientMongoError(e) || Boolean((e as { name?: string }).name?.startsWith('MongoChangeStream')), signal, policy: s.retry.policy, onRetry: s.retry.onRetry });
    if (this.draft) {
      this.at = this.draft.at;
      this.posTs = this.draft.posTs;
      this.draft = undefined;
    }
    return [...step.before.map((ev) => this.toRecord(ev, false)), ...step.scanned.map((ev) => this.toRecord(ev, true)), ...step.after.map((ev) => this.toRecord(ev, false))];
  }

  /** After the stream handed out everything it buffered, its resume token is the position. */
  private takeResumeToken(stream: ChangeStream): void {
    const t = stream.resumeToken as Value;
    if (isPlainObject(t)) this.at = { resumeToken: t };
  }

  private handOut(ev: Doc, records: SourceRecord[]): void {
    records.push(this.toRecord(ev, false));
    const id = ev['_id'];
    if (isPlainObject(id)) this.at = { resumeToken: id };
    const ct = ev['clusterTime'];
    if (isTimestamp(ct)) this.posTs = ct;
  }

  private toRecord(ev: Doc, scanned: boolean): SourceRecord {
    ev = normalizeNumbers(ev) as Doc;
    const source: Doc = { type: 'atlas', operationType: ev['operationType'] };
    if (ev['ns'] !== undefined) source['ns'] = ev['ns'];
    if (ev['documentKey'] !== undefined) source['documentKey'] = ev['documentKey'];
    // `stream.source.initialSync.phase`: the documents of the scan (its value is UNCONFIRMED).
    if (scanned) source['initialSync'] = { phase: 'in_progress' };
    const size = calculateObjectSize(ev);
    this.sync?.count(ev['ns'], size);
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
    return bad ? { meta, dlq: bad, size } : { doc, meta, size };
  }

  async read(signal: AbortSignal): Promise<SourceBatch> {
    // Until the scan is complete; then the stream carries on from where the last step left it.
    if (this.sync?.active) return { records: await this.syncStep(signal) };
    const records: SourceRecord[] = [];
    const started = Date.now();
    try {
      const stream = await this.ensureOpen(signal);
      for (const ev of this.pending.splice(0)) this.handOut(ev, records);
      let drained = false;
      while (records.length < MAX_BATCH && !signal.aborted) {
        const ev = (await stream.tryNext()) as Doc | null;
        if (ev === null) {
          drained = true;
          break;
        }
        this.handOut(ev, records);
      }
      if (drained) this.takeResumeToken(stream);
      if (drained) this.caughtUp = true;
      else if (records.length > 0) this.caughtUp = false;
    } catch (e) {
      if (!isTransientMongoError(e) && !(e as { name?: string }).name?.startsWith('MongoChangeStream')) throw e;
      // Reopen from what was handed out; nothing read since is lost.
      this.resumeAt = this.at ?? this.resumeAt;
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
    if (!this.sync) return this.at ?? null;
    return { ...(this.at ?? {}), initialSync: this.sync.position() };
  }

  seek(position: Value): void {
    const p = parseStreamPosition(position);
    if (!p) return;
    this.resumeAt = p;
    this.at = p;
    if ('startAtOperationTime' in p) this.posTs = p.startAtOperationTime;
    this.caughtUp = false;
    // connect() may have read from the configured start; the checkpoint decides instead.
    this.pending = [];
    this.reopen = true;
    this.sync?.restore(isPlainObject(position) ? position['initialSync'] : undefined);
  }

  stats(): Record<string, Value> {
    // Absent until the source holds a position, so callers can wait for "listening".
    if (!this.opened || !this.at) return {};
    this.head?.start();
    return {
      changeStreamState: 'resumeToken' in this.at ? this.at.resumeToken : null,
      changeStreamTimeDifferenceSecs: timeDifferenceSecs(this.caughtUp, this.posTs, this.head?.head()),
    };
  }

  operatorStats(): Record<string, Value> {
    return this.sync ? this.sync.operatorStats() : {};
  }

  async close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    await this.head?.stop();
    if (s) await s.close().catch(() => undefined);
  }
}
