/** CollectionTarget over the embedded store. */
import type { Doc } from '../../core/types';
import { EngineError, errorMessage } from '../../core/errors';
import { StoreWriteError, type LocalCollection } from '../../store/collection';
import type { CollectionTarget, WriteFailure, WriteModel } from '../../io/target';

export class LocalTarget implements CollectionTarget {
  readonly kind = 'local';
  constructor(private readonly c: LocalCollection) {}

  get ns(): string {
    return this.c.ns;
  }

  async query(filter: Doc, limit?: number): Promise<Doc[]> {
    return this.c.find(filter, limit);
  }

  async find(filter: Doc, skip: number, limit: number): Promise<Doc[]> {
    return this.c.find(filter).reverse().slice(skip, skip + limit);
  }

  async count(filter: Doc): Promise<number> {
    return Object.keys(filter).length ? this.c.find(filter).length : this.c.size;
  }

  async insertMany(docs: Doc[]): Promise<void> {
    this.c.insertMany(docs);
    await this.c.flush();
  }

  async bulkWrite(ops: WriteModel[]): Promise<WriteFailure | undefined> {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      try {
        if ('insertOne' in op) this.c.insertOne(op.insertOne.document);
        else if ('replaceOne' in op) this.c.replaceOne(op.replaceOne.filter, op.replaceOne.replacement, op.replaceOne.upsert);
        else if ('updateOne' in op) this.c.updateOne(op.updateOne.filter, op.updateOne.update, op.updateOne.upsert);
        else this.c.deleteOne(op.deleteOne.filter);
      } catch (e) {
        if (e instanceof StoreWriteError) return { index: i, codeName: e.codeName, message: e.message };
        if (e instanceof EngineError && e.domain === 'user') return { index: i, codeName: 'BadValue', message: errorMessage(e) };
        throw e;
      }
    }
    return undefined;
  }

  async deleteOne(filter: Doc): Promise<boolean> {
    return this.c.deleteOne(filter).deleted;
  }

  flush(): Promise<void> {
    return this.c.flush();
  }
}
