/**
 * CollectionTarget: one collection on a real MongoDB or in the embedded `local` store, with
 * the operations $merge, $lookup and the DLQ writer need. Both implementations report
 * per-document write failures the same way (a server code name + message) and throw
 * `external` EngineErrors for lost connections, so callers can retry with backoff.
 */
import type { Doc } from '../core/types';
import type { UpdateSpec } from '../store/collection';

export type { UpdateSpec };

export type WriteModel =
  | { insertOne: { document: Doc } }
  | { replaceOne: { filter: Doc; replacement: Doc; upsert: boolean } }
  | { updateOne: { filter: Doc; update: UpdateSpec; upsert: boolean } }
  | { deleteOne: { filter: Doc } };

/** A write the server refused (duplicate key, document too large, ...). */
export interface WriteFailure {
  /** Index in the ops passed to bulkWrite. */
  index: number;
  codeName: string;
  message: string;
}

export interface CollectionTarget {
  readonly kind: 'mongodb' | 'local';
  /** `db.coll` */
  readonly ns: string;
  /** Documents matching `filter`, natural order, at most `limit`. */
  query(filter: Doc, limit?: number): Promise<Doc[]>;
  /** Run an aggregation on the collection (server side for MongoDB). Undefined for the local store. */
  aggregate?(pipeline: Doc[]): Promise<Doc[]>;
  /** Newest first (what the DLQ views show). */
  find(filter: Doc, skip: number, limit: number): Promise<Doc[]>;
  count(filter: Doc): Promise<number>;
  insertMany(docs: Doc[]): Promise<void>;
  /**
   * Ordered writes. Stops at the first refused write and returns it; ops before it are
   * applied, ops after it are not. Throws (external) only when the server cannot be reached.
   */
  bulkWrite(ops: WriteModel[]): Promise<WriteFailure | undefined>;
  /** Delete one match; true if something was deleted. */
  deleteOne(filter: Doc): Promise<boolean>;
  /** Durable point for buffered writers (local store fsync); a no-op for MongoDB. */
  flush(): Promise<void>;
}
