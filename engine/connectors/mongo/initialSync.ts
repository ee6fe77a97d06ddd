/**
 * `$source.initialSync` of a change stream: every document of the source's collections is handed
 * out as an insert change event, then the stream's events, with no gap and no duplicate between
 * the two. Collections are scanned one after the other in list order (a database or cluster
 * source: every collection there at the start, by name), each in `_id` order, so the scan's
 * position is the collection and the last `_id` handed out.
 *
 * The stream is open from before the scan and is read in step with it (the caller's `drain`
 * reads everything the stream has at that moment). Each scan read is bracketed by drains:
 * - an event drained before a read is already reflected in it (the server streamed the write, so
 *   a later read sees it);
 * - a write a read saw is streamed by the next drain (reads use readConcern majority, which is
 *   what a change stream returns);
 * so an event for an `_id` inside the range a read covered, drained right after it, may be
 * either before or after the read. Those ranges are read again (and drained again) until a
 * drain brings no event for the range, at most MAX_REREADS times; past that the events of the
 * last drain are delivered too (at least once for that range, never a gap).
 * Every drained event is then either delivered (its `_id` was scanned before it happened, its
 * collection is not scanned, or it cannot be placed: no `ns`/`_id`) or dropped because the
 * scanned state holds it (its `_id` is scanned later, or was read again after it). The
 * checkpoint holds the stream position and, per collection, the status and last `_id`: every
 * event after that stream position is placed again by the same rule, so a restart mid-scan
 * needs nothing more. A completed sync never runs again.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/multi-collection-initial-sync/
 */
import type { Document, MongoClient } from 'mongodb';
import type { Doc, Value } from '../../core/types';
import { EngineError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import { compare, typeOrder } from '../../bson/compare';
import type { ChangeStreamConfig } from '../../io/types';

/** Documents per scan batch (one find per read). */
export const SCAN_BATCH = 512;
/** Reads of one range while drains keep bringing events for it; then at least once for it. */
export const MAX_REREADS = 5;

type Status = 'pending' | 'in_progress' | 'completed' | 'failed';

interface Target {
  db: string;
  coll: string;
  estimatedDocs: number;
  copiedDocs: number;
  status: Status;
  /** The last `_id` handed out; absent before the first batch. */
  lastId?: Value;
  /** Change events handed out for this namespace (scan and stream), for targetStats. */
  inputMessageCount: number;
  inputMessageSize: number;
}

/** One scan read: the `_id` range it covers, `(lower, upper]` (undefined: unbounded). */
interface ScanRead {
  target: Target;
  lower: Value | undefined;
  upper: Value | undefined;
  /** Documents the find returned (before `config.pipeline`), and the last one's `_id`. */
  count: number;
  lastId: Value | undefined;
  events: Doc[];
}

/** One step of the sync: records in this order, then the scan's state moves on. */
export interface SyncStep {
  /** Drained events delivered: their `_id`s were scanned before they happened. */
  before: Doc[];
  /** The scanned documents, as insert events. */
  scanned: Doc[];
  /** Events drained after the read that are delivered. */
  after: Doc[];
}

export interface InitialSyncOptions {
  batchSize?: number;
  /** Test hook: runs after each scan read, before the drain that follows it. */
  afterRead?: () => Promise<void>;
}

const SYSTEM_DBS = new Set(['admin', 'local', 'config']);
const DOC_EVENTS = new Set(['insert', 'update', 'replace', 'delete']);

/** Atlas's rule: `_id`s are ObjectIds, or all int/long. Mixed types would also be skipped by `$gt`. */
function idKind(v: Value): string {
  const t = typeName(v);
  return t === 'int' || t === 'long' ? 'int/long' : t;
}

/** `$gt` on `_id` compares within one BSON type bracket only. */
function above(id: Value, bound: Value | undefined): boolean {
  return bound === undefined || (typeOrder(id) === typeOrder(bound) && compare(id, bound) > 0);
}

/** The namespace and `_id` of a document's change event; undefined when it cannot be placed. */
function placeOf(ev: Doc): { db: Value; coll: Value; id: Value } | undefined {
  const ns = ev['ns'];
  if (!isPlainObject(ns) || !DOC_EVENTS.has(String(ev['operationType']))) return undefined;
  // mongo-java-server's update events carry the $set delta as documentKey: fullDocument has the _id.
  const key = ev['documentKey'];
  const full = ev['fullDocument'];
  const id = isPlainObject(key) && key['_id'] !== undefined ? key['_id'] : isPlainObject(full) ? full['_id'] : undefined;
  return id === undefined ? undefined : { db: ns['db'], coll: ns['coll'], id };
}

export class InitialSync {
  private targets: Target[] | undefined;
  private done = false;
  private readonly batchSize: number;

  constructor(private readonly cfg: ChangeStreamConfig, private readonly opts: InitialSyncOptions = {}) {
    this.batchSize = opts.batchSize ?? SCAN_BATCH;
  }

  get active(): boolean {
    return !this.done;
  }

  /** Fix the set of collections to sync (Atlas does not discover later ones). No-op once known. */
  async plan(client: MongoClient): Promise<void> {
    if (this.targets || this.done) return;
    const names: { db: string; coll: string }[] = [];
    const collsOf = async (db: string): Promise<string[]> =>
      (await client.db(db).listCollections({}, { nameOnly: false }).toArray())
        .filter((c) => (c as { type?: string }).type !== 'view' && !String(c.name).startsWith('system.'))
        .map((c) => String(c.name))
        .sort();
    if (this.cfg.db !== undefined && this.cfg.colls) for (const coll of this.cfg.colls) names.push({ db: this.cfg.db, coll });
    else if (this.cfg.db !== undefined) for (const coll of await collsOf(this.cfg.db)) names.push({ db: this.cfg.db, coll });
    else {
      const dbs = (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name).filter((n) => !SYSTEM_DBS.has(n)).sort();
      for (const db of dbs) for (const coll of await collsOf(db)) names.push({ db, coll });
    }
    const targets: Target[] = [];
    for (const n of names) {
      const estimatedDocs = await client.db(n.db).collection(n.coll).estimatedDocumentCount().catch(() => 0);
      targets.push({ ...n, estimatedDocs, copiedDocs: 0, status: 'pending', inputMessageCount: 0, inputMessageSize: 0 });
    }
    this.targets = targets;
  }

  /**
   * One scan read of the first unfinished collection, bracketed by drains of the stream. The
   * scan's state moves on only when this resolves, so a failed step can be run again from the
   * same stream position. Resolves with nothing scanned once every collection is done.
   */
  async next(client: MongoClient, drain: () => Promise<Doc[]>): Promise<SyncStep> {
    const step: SyncStep = { before: [], scanned: [], after: [] };
    for (const ev of await drain()) if (this.place(ev, undefined) === 'deliver') step.before.push(ev);
    const t = (this.targets ?? []).find((x) => x.status !== 'completed');
    if (!t) {
      this.done = true;
      return step;
    }
    if (t.status !== 'in_progress') {
      await this.checkIds(client, t);
      t.status = 'in_progress';
    }
    let read = await this.read(client, t);
    for (let reads = 1; ; reads++) {
      await this.opts.afterRead?.();
      const unsure: Doc[] = [];
      for (const ev of await drain()) {
        const p = this.place(ev, read);
        if (p === 'deliver') step.after.push(ev);
        else if (p === 'unsure') unsure.push(ev);
      }
      if (unsure.length === 0) break;
      if (reads >= MAX_REREADS) {
        step.after.push(...unsure);
        break;
      }
      read = await this.read(client, t);
    }
    step.scanned = read.events;
    if (read.lastId !== undefined) t.lastId = read.lastId;
    t.copiedDocs += read.count;
    if (read.upper === undefined) t.status = 'completed';
    // The last collection is done: the stream alone from the next read on.
    if ((this.targets ?? []).every((x) => x.status === 'completed')) this.done = true;
    return step;
  }

  /**
   * Deliver, drop (the scanned state holds it) or unsure (inside the range `read` just covered:
   * before or after it). Events the scan cannot be sure of are delivered.
   */
  private place(ev: Doc, read: ScanRead | undefined): 'deliver' | 'drop' | 'unsure' {
    const at = placeOf(ev);
    if (!at) return 'deliver';
    const t = this.targets?.find((x) => x.db === at.db && x.coll === at.coll);
    if (!t || t.status === 'completed' || t.status === 'failed') return 'deliver';
    if (read && read.target === t && above(at.id, read.lower) && (read.upper === undefined || compare(at.id, read.upper) <= 0)) return 'unsure';
    if (t.lastId === undefined) {
      // Not read yet: its first read takes every `_id`; Atlas allows ObjectIds and ints only.
      const kind = idKind(at.id);
      return kind === 'objectId' || kind === 'int/long' ? 'drop' : 'deliver';
    }
    return above(at.id, t.lastId) ? 'drop' : 'deliver';
  }

  /** Up to a batch of documents after the last `_id`, as the events to hand out. */
  private async read(client: MongoClient, t: Target): Promise<ScanRead> {
    const coll = client.db(t.db).collection(t.coll);
    const lower = t.lastId;
    const filter: Document = lower === undefined ? {} : { _id: { $gt: lower } };
    // promoteValues: false as on the stream: int32 and double stay apart (normalizeNumbers in toRecord).
    // readConcern majority: what a read sees, the change stream has (see the header).
    const rc = { readConcern: { level: 'majority' as const }, promoteValues: false };
    const docs = (await coll.find(filter, rc).sort({ _id: 1 }).limit(this.batchSize).toArray()) as Doc[];
    const lastId = docs.length > 0 ? docs[docs.length - 1]!['_id'] : undefined;
    // A short batch saw every `_id` after `lower`: the range is unbounded, the collection done.
    const upper = docs.length < this.batchSize ? undefined : lastId;
    const base = { target: t, lower, upper, count: docs.length, lastId };
    if (this.cfg.pipeline.length === 0) return { ...base, events: docs.map((d) => this.event(t, d)) };
    // The source's `config.pipeline` filters and reshapes change events on the server; run it
    // over the same `_id` range, as synthetic events, so scanned documents pass it alike. This
    // aggregate is the read the drains bracket.
    const range: Document = {};
    if (lower !== undefined) range['$gt'] = lower;
    if (upper !== undefined) range['$lte'] = upper;
    const match: Document = Object.keys(range).length > 0 ? { _id: range } : {};
    const shaped = await coll.aggregate([{ $match: match }, { $sort: { _id: 1 } }, { $replaceRoot: { newRoot: this.eventExpr(t) } }, ...this.cfg.pipeline], rc).toArray();
    return { ...base, events: shaped as Doc[] };
  }

  private event(t: Target, doc: Doc): Doc {
    return { operationType: 'insert', ns: { db: t.db, coll: t.coll }, documentKey: { _id: doc['_id'] }, fullDocument: doc };
  }

  /** The same event as `event()`, as an aggregation expression over the scanned document. */
  private eventExpr(t: Target): Document {
    return { operationType: 'insert', ns: { db: { $literal: t.db }, coll: { $literal: t.coll } }, documentKey: { _id: '$_id' }, fullDocument: '$$ROOT' };
  }

  /** Both ends of the `_id` order must be of one allowed kind: BSON orders by type first. */
  private async checkIds(client: MongoClient, t: Target): Promise<void> {
    const coll = client.db(t.db).collection(t.coll);
    const [lo] = await coll.find({}, { projection: { _id: 1 } }).sort({ _id: 1 }).limit(1).toArray();
    const [hi] = await coll.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).toArray();
    if (!lo || !hi) return;
    const a = idKind(lo['_id'] as Value);
    const b = idKind(hi['_id'] as Value);
    if (a === b && (a === 'objectId' || a === 'int/long')) return;
    t.status = 'failed';
    const found = a === b ? `${a} _ids` : `_ids of types ${a} and ${b}`;
    throw new EngineError(`initialSync of ${t.db}.${t.coll} needs every _id to be an ObjectId, or every _id an int or long; found ${found}`, 'user', 'ASP_INITIAL_SYNC_ID', '$source');
  }

  /** Count a handed-out event against its collection (targetStats). */
  count(ns: Value, size: number): void {
    if (!isPlainObject(ns) || !this.targets) return;
    const t = this.targets.find((x) => x.db === ns['db'] && x.coll === ns['coll']);
    if (!t) return;
    t.inputMessageCount++;
    t.inputMessageSize += size;
  }

  /** The scan's part of the checkpoint position. */
  position(): Value {
    const targets = (this.targets ?? []).map((t) => {
      const o: Doc = { db: t.db, coll: t.coll, estimatedDocs: t.estimatedDocs, copiedDocs: t.copiedDocs, status: t.status };
      if (t.lastId !== undefined) o['lastId'] = t.lastId;
      return o;
    });
    return { done: this.done, targets };
  }

  /**
   * Resume from a checkpointed position. A position without a scan part comes from a stream
   * that never had one, or had finished it: the sync is not run (it never repeats).
   */
  restore(v: Value): void {
    if (!isPlainObject(v)) {
      this.done = true;
      this.targets = [];
      return;
    }
    this.done = v['done'] === true;
    const list = Array.isArray(v['targets']) ? v['targets'] : [];
    this.targets = list.filter(isPlainObject).map((o) => {
      const t: Target = {
        db: String(o['db']),
        coll: String(o['coll']),
        estimatedDocs: Number(o['estimatedDocs'] ?? 0),
        copiedDocs: Number(o['copiedDocs'] ?? 0),
        // A collection that failed is checked again: the data may have been fixed.
        status: o['status'] === 'completed' ? 'completed' : o['lastId'] !== undefined ? 'in_progress' : 'pending',
        inputMessageCount: 0,
        inputMessageSize: 0,
      };
      if (o['lastId'] !== undefined) t.lastId = o['lastId'];
      return t;
    });
  }

  /** Verbose `operatorStats[0]` fields: the sums and one `targetStats` element per collection. */
  operatorStats(): Record<string, Value> {
    const targets = this.targets ?? [];
    return {
      initialSync: { estimatedDocs: targets.reduce((n, t) => n + t.estimatedDocs, 0), copiedDocs: targets.reduce((n, t) => n + t.copiedDocs, 0) },
      targetStats: targets.map((t) => ({
        db: t.db,
        coll: t.coll,
        inputMessageCount: t.inputMessageCount,
        inputMessageSize: t.inputMessageSize,
        initialSync: { estimatedDocs: t.estimatedDocs, copiedDocs: t.copiedDocs, status: t.status },
      })),
    };
  }
}
