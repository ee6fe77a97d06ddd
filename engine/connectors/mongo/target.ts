/** CollectionTarget over a MongoDB collection (node driver). */
import type { AnyBulkWriteOperation, Collection, Document, MongoClient } from 'mongodb';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { Doc } from '../../core/types';
import { EngineError, errorMessage } from '../../core/errors';
import type { CollectionTarget, WriteFailure, WriteModel } from '../../io/target';
import { normalizeNumbers } from '../../bson/numbers';

/** Lost connections, timeouts, elections: worth retrying. Server refusals of one write are not. */
export function isTransientMongoError(e: unknown): boolean {
  if (e instanceof EngineError) return e.domain === 'external';
  const name = (e as { name?: string })?.name ?? '';
  if (/MongoNetwork|MongoServerSelection|MongoNotConnected|MongoTopologyClosed|PoolCleared|MongoTimeout/.test(name)) return true;
  const labels = (e as { errorLabels?: string[]; errorLabelSet?: Set<string> });
  if (labels.errorLabelSet?.has('RetryableWriteError') || labels.errorLabels?.includes('RetryableWriteError')) return true;
  return false;
}

function asExternal(e: unknown, ns: string): unknown {
  if (isTransientMongoError(e) && !(e instanceof EngineError)) return new EngineError(`connection to MongoDB for ${ns} failed: ${errorMessage(e)}`, 'external', 'ASP_CONNECTION');
  return e;
}

/**
 * Read numbers as they are stored: the driver's default promotion turns int32 and double into
 * one JS number; normalizeNumbers then gives the engine's representation (docs/architecture.md).
 */
const EXACT = { promoteValues: false } as const;

function engineDocs(docs: Document[]): Doc[] {
  for (let i = 0; i < docs.length; i++) docs[i] = normalizeNumbers(docs[i]) as Document;
  return docs as Doc[];
}

function toDriverOp(op: WriteModel): AnyBulkWriteOperation<Document> {
  if ('updateOne' in op) return { updateOne: { filter: op.updateOne.filter, update: op.updateOne.update as Document, upsert: op.updateOne.upsert } };
  return op as AnyBulkWriteOperation<Document>;
}

export class MongoTarget implements CollectionTarget {
  readonly kind = 'mongodb';
  constructor(private readonly client: () => Promise<MongoClient>, readonly db: string, readonly coll: string) {}

  get ns(): string {
    return `${this.db}.${this.coll}`;
  }

  private async c(): Promise<Collection<Document>> {
    try {
      return (await this.client()).db(this.db).collection(this.coll);
    } catch (e) {
      throw asExternal(e, this.ns);
    }
  }

  private async run<T>(fn: (c: Collection<Document>) => Promise<T>): Promise<T> {
    const c = await this.c();
    try {
      return await fn(c);
    } catch (e) {
      throw asExternal(e, this.ns);
    }
  }

  query(filter: Doc, limit?: number): Promise<Doc[]> {
    return this.run((c) => (limit !== undefined ? c.find(filter, EXACT).limit(limit) : c.find(filter, EXACT)).toArray()).then(engineDocs);
  }

  aggregate(pipeline: Doc[]): Promise<Doc[]> {
    return this.run((c) => c.aggregate(pipeline, EXACT).toArray()).then(engineDocs);
  }

  find(filter: Doc, skip: number, limit: number): Promise<Doc[]> {
    return this.run((c) => c.find(filter, EXACT).sort({ $natural: -1 }).skip(skip).limit(limit).toArray()).then(engineDocs);
  }

  count(filter: Doc): Promise<number> {
    return this.run((c) => c.countDocuments(filter));
  }

  async insertMany(docs: Doc[]): Promise<void> {
    if (docs.length === 0) return;
    await this.run((c) => c.insertMany(docs, { ordered: true }));
  }

  async bulkWrite(ops: WriteModel[]): Promise<WriteFailure | undefined> {
    if (ops.length === 0) return undefined;
    const c = await this.c();
    try {
      await c.bulkWrite(ops.map(toDriverOp), { ordered: true });
      return undefined;
    } catch (e) {
      if (e instanceof MongoBulkWriteError) {
        const w = Array.isArray(e.writeErrors) ? e.writeErrors[0] : e.writeErrors;
        if (w) return { index: w.index, codeName: codeNameOf(w.code, w.errmsg), message: w.errmsg ?? e.message };
      }
      if (e instanceof MongoServerError && !isTransientMongoError(e)) {
        // A single-op batch can come back as a plain server error.
        return { index: 0, codeName: e.codeName ?? codeNameOf(Number(e.code), e.message), message: e.message };
      }
      throw asExternal(e, this.ns);
    }
  }

  deleteOne(filter: Doc): Promise<boolean> {
    return this.run(async (c) => (await c.deleteOne(filter)).deletedCount > 0);
  }

  async flush(): Promise<void> {}
}

const CODE_NAMES: Record<number, string> = {
  2: 'BadValue', 11000: 'DuplicateKey', 10334: 'BSONObjectTooLarge', 66: 'ImmutableField', 17419: 'BSONObjectTooLarge',
  52: 'DollarPrefixedFieldName', 57: 'DottedFieldName', 14: 'TypeMismatch', 9: 'FailedToParse',
};

function codeNameOf(code: number | undefined, msg?: string): string {
  if (code !== undefined && CODE_NAMES[code]) return CODE_NAMES[code]!;
  if (msg?.startsWith('E11000')) return 'DuplicateKey';
  return code !== undefined ? `Location${code}` : 'UnknownError';
}
