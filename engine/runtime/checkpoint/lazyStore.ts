/** A checkpoint store whose backing store is opened on first use (e.g. once a MongoDB client connects). */
import type { CheckpointContent, CheckpointInfo, CheckpointStore, EncodedCheckpoint, LoadResult } from './types';

export class LazyCheckpointStore implements CheckpointStore {
  private store: Promise<CheckpointStore> | undefined;

  constructor(private readonly open: () => Promise<CheckpointStore>) {}

  private get(): Promise<CheckpointStore> {
    // A failed open is retried on the next call instead of being cached forever.
    this.store ??= this.open().catch((e: unknown) => {
      this.store = undefined;
      throw e;
    });
    return this.store;
  }

  async save(e: EncodedCheckpoint): Promise<CheckpointInfo> {
    return (await this.get()).save(e);
  }
  async loadLatest(): Promise<LoadResult> {
    return (await this.get()).loadLatest();
  }
  async load(id: number): Promise<CheckpointContent | undefined> {
    return (await this.get()).load(id);
  }
  async list(): Promise<CheckpointInfo[]> {
    return (await this.get()).list();
  }
  async clear(): Promise<void> {
    return (await this.get()).clear();
  }
}

/** `CONNECTION/DB.COLL` -> its parts, or an error message naming the expected form. */
export function parseCheckpointTarget(s: string): { connectionName: string; db: string; coll: string } {
  const m = /^([^/]+)\/([^.]+)\.(.+)$/.exec(s);
  if (!m) throw new Error(`--checkpoints expects CONNECTION/DB.COLLECTION (a Cluster connection), got '${s}'`);
  return { connectionName: m[1]!, db: m[2]!, coll: m[3]! };
}
