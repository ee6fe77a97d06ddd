/**
 * One collection of the embedded `local` store: documents in memory keyed by `_id`, made
 * durable by an AppendLog. Writes apply in memory at once; flush() makes them durable.
 */
import { ObjectId } from 'bson';
import type { Doc, Value } from '../core/types';
import { EngineError } from '../core/errors';
import { cloneDoc } from '../json/clone';
import { toRelaxedJSON } from '../json/ejson';
import { keyOf, type GroupKey } from '../accumulators/_key';
import { AppendLog } from './log';
import { compileStoreFilter, exactId } from './filter';

/** A write error shaped like the server's (code name + message), so $merge reports it alike. */
export class StoreWriteError extends EngineError {
  constructor(message: string, readonly codeName: 'DuplicateKey' | 'ImmutableField', readonly numericCode: number) {
    super(message, 'user', codeName);
    this.name = 'StoreWriteError';
  }
}

/**
 * The `_id` index key: equal under the index's comparison, so 2, 2.0 and NumberLong(2) are one
 * `_id` (a duplicate key), as in MongoDB; `$group`'s keys follow the same rule.
 */
export function idKey(id: Value): GroupKey {
  return keyOf(id);
}

export interface UpdateSpec {
  $set?: Doc;
  $setOnInsert?: Doc;
  $unset?: Doc;
}

export class LocalCollection {
  private readonly docs = new Map<GroupKey, Doc>();
  private readonly log: AppendLog;

  constructor(readonly db: string, readonly name: string, file: string) {
    this.log = new AppendLog(file);
    for (const e of this.log.load()) {
      if ('p' in e) this.docs.set(idKey(e.p['_id']), e.p);
      else this.docs.delete(idKey(e.d._id));
    }
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  find(filter: Doc = {}, limit = Infinity): Doc[] {
    const out: Doc[] = [];
    const exact = exactId(filter);
    if (exact) {
      const d = this.docs.get(idKey(exact.id));
      if (d) out.push(cloneDoc(d));
      return out;
    }
    const pred = Object.keys(filter).length ? compileStoreFilter(filter) : undefined;
    for (const d of this.docs.values()) {
      if (out.length >= limit) break;
      if (!pred || pred(d)) out.push(cloneDoc(d));
    }
    return out;
  }

  private findRaw(filter: Doc): Doc | undefined {
    const exact = exactId(filter);
    if (exact) return this.docs.get(idKey(exact.id));
    const pred = compileStoreFilter(filter);
    for (const d of this.docs.values()) if (pred(d)) return d;
    return undefined;
  }

  private put(doc: Doc): void {
    this.docs.set(idKey(doc['_id']), doc);
    this.log.append({ p: doc });
  }

  insertOne(doc: Doc): Value {
    const d = cloneDoc(doc);
    if (d['_id'] === undefined) {
      // _id first, like the server does.
      const withId: Doc = { _id: new ObjectId(), ...d };
      return this.insertPrepared(withId);
    }
    return this.insertPrepared(d);
  }

  private insertPrepared(d: Doc): Value {
    if (this.docs.has(idKey(d['_id']))) {
      throw new StoreWriteError(`E11000 duplicate key error collection: ${this.ns} index: _id_ dup key: { _id: ${toRelaxedJSON({ v: d['_id'] }).slice(5, -1)} }`, 'DuplicateKey', 11000);
    }
    this.put(d);
    return d['_id'];
  }

  insertMany(docs: Doc[]): void {
    for (const d of docs) this.insertOne(d);
  }

  /** Replace the first match; with upsert, insert `doc` (plus the filter's _id) when none. */
  replaceOne(filter: Doc, doc: Doc, upsert: boolean): { matched: boolean } {
    const cur = this.findRaw(filter);
    const next = cloneDoc(doc);
    if (cur) {
      if (next['_id'] !== undefined && idKey(next['_id']) !== idKey(cur['_id'])) {
        throw new StoreWriteError(`After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${toRelaxedJSON({ v: next['_id'] }).slice(5, -1)}`, 'ImmutableField', 66);
      }
      this.put({ _id: cur['_id'], ...withoutId(next) });
      return { matched: true };
    }
    if (upsert) this.insertOne(seedFromFilter(filter, next));
    return { matched: false };
  }

  updateOne(filter: Doc, update: UpdateSpec, upsert: boolean): { matched: boolean } {
    const cur = this.findRaw(filter);
    if (cur) {
      if (!update.$set && !update.$unset) return { matched: true };
      const next = cloneDoc(cur);
      if (update.$set) for (const [k, v] of Object.entries(update.$set)) next[k] = v;
      if (update.$unset) for (const k of Object.keys(update.$unset)) delete next[k];
      this.put(next);
      return { matched: true };
    }
    if (upsert) this.insertOne(seedFromFilter(filter, { ...update.$setOnInsert, ...update.$set }));
    return { matched: false };
  }

  deleteOne(filter: Doc): { deleted: boolean } {
    const cur = this.findRaw(filter);
    if (!cur) return { deleted: false };
    this.docs.delete(idKey(cur['_id']));
    this.log.append({ d: { _id: cur['_id'] } });
    return { deleted: true };
  }

  /** Make every write so far durable; compacts when dead lines outnumber live documents. */
  async flush(): Promise<void> {
    if (this.log.lines > 1000 && this.log.lines > 2 * this.docs.size) {
      await this.log.compact(this.docs.values());
      return;
    }
    if (this.log.dirty) await this.log.flush();
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

function withoutId(d: Doc): Doc {
  const { _id, ...rest } = d;
  void _id;
  return rest;
}

/** An upserted document takes the equality fields of its filter (as the server does). */
function seedFromFilter(filter: Doc, doc: Doc): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (!k.startsWith('$') && !k.includes('.') && !(v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((x) => x.startsWith('$')))) seed[k] = v;
  }
  const out: Doc = { ...seed, ...doc };
  if (out['_id'] === undefined && seed['_id'] === undefined) return out;
  return { _id: out['_id'], ...withoutId(out) };
}
