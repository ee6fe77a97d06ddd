/**
 * `$source.initialSync` of a change stream: before the stream, every document of the source's
 * collections is handed out as an insert change event. Collections are scanned one after the
 * other in list order (a database or cluster source: every collection there at the start, by
 * name), each in `_id` order, so the scan's position is the collection and the last `_id` handed
 * out. That position is part of the source's checkpoint position: a restart skips completed
 * collections and resumes the current one after its last `_id`, and a completed sync never runs
 * again. The change stream itself starts where it stood before the scan began (the caller takes
 * that position first), so nothing written during the scan is missed.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/multi-collection-initial-sync/
 */
import type { Document, MongoClient } from 'mongodb';
import type { Doc, Value } from '../../core/types';
import { EngineError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { ChangeStreamConfig } from '../../io/types';

/** Documents per scan batch (one find per read). */
export const SCAN_BATCH = 512;

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

const SYSTEM_DBS = new Set(['admin', 'local', 'config']);

/** Atlas's rule: `_id`s are ObjectIds, or all int/long. Mixed types would also be skipped by `$gt`. */
function idKind(v: Value): string {
  const t = typeName(v);
  return t === 'int' || t === 'long' ? 'int/long' : t;
}

export class InitialSync {
  private targets: Target[] | undefined;
  private done = false;

  constructor(private readonly cfg: ChangeStreamConfig) {}

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
   * The next batch of synthetic insert events, in `_id` order; an empty array once every
   * collection is scanned (the sync is then complete and the stream takes over).
   */
  async next(client: MongoClient): Promise<Doc[]> {
    for (const t of this.targets ?? []) {
      const coll = client.db(t.db).collection(t.coll);
      while (t.status !== 'completed') {
        if (t.status === 'pending') {
          await this.checkIds(client, t);
          t.status = 'in_progress';
        }
        const filter: Document = t.lastId === undefined ? {} : { _id: { $gt: t.lastId } };
        // promoteValues: false as on the stream: int32 and double stay apart (normalizeNumbers in toRecord).
        const docs = (await coll.find(filter, { promoteValues: false }).sort({ _id: 1 }).limit(SCAN_BATCH).toArray()) as Doc[];
        if (docs.length === 0) {
          t.status = 'completed';
          break;
        }
        const from = t.lastId;
        t.lastId = docs[docs.length - 1]!['_id'];
        t.copiedDocs += docs.length;
        if (this.cfg.pipeline.length === 0) return docs.map((d) => this.event(t, d));
        // The source's `config.pipeline` filters and reshapes change events on the server; run
        // it over the same `_id` range, as synthetic events, so scanned documents pass it alike.
        const range: Document = from === undefined ? { $lte: t.lastId } : { $gt: from, $lte: t.lastId };
        const shaped = await coll.aggregate([{ $match: { _id: range } }, { $sort: { _id: 1 } }, { $replaceRoot: { newRoot: this.eventExpr(t) } }, ...this.cfg.pipeline], { promoteValues: false }).toArray();
        if (shaped.length > 0) return shaped as Doc[];
      }
    }
    this.done = true;
    return [];
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
