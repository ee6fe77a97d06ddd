/**
 * The embedded `local` store: a Cluster-like document store in the state directory, so
 * $merge, $lookup, the DLQ and checkpoints work with no server (design.md, "built in").
 * Layout: <stateDir>/store/<db>/<coll>.jsonl, names URI-encoded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalCollection } from './collection';

export class LocalStore {
  private readonly colls = new Map<string, LocalCollection>();
  readonly root: string;

  constructor(stateDir: string) {
    this.root = path.join(stateDir, 'store');
  }

  collection(db: string, coll: string): LocalCollection {
    const key = `${db}\u0000${coll}`;
    let c = this.colls.get(key);
    if (!c) {
      c = new LocalCollection(db, coll, path.join(this.root, encodeURIComponent(db), `${encodeURIComponent(coll)}.jsonl`));
      this.colls.set(key, c);
    }
    return c;
  }

  /** Every collection on disk or opened in this process. */
  listCollections(db?: string): { db: string; coll: string }[] {
    const seen = new Map<string, { db: string; coll: string }>();
    const dbs = db !== undefined ? [encodeURIComponent(db)] : safeReaddir(this.root);
    for (const d of dbs) {
      for (const f of safeReaddir(path.join(this.root, d))) {
        if (!f.endsWith('.jsonl')) continue;
        const e = { db: decodeURIComponent(d), coll: decodeURIComponent(f.slice(0, -6)) };
        seen.set(`${e.db}\u0000${e.coll}`, e);
      }
    }
    for (const c of this.colls.values()) {
      if (db === undefined || c.db === db) seen.set(`${c.db}\u0000${c.name}`, { db: c.db, coll: c.name });
    }
    return [...seen.values()].sort((a, b) => (a.db === b.db ? a.coll.localeCompare(b.coll) : a.db.localeCompare(b.db)));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.colls.values()].map((c) => c.flush()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.colls.values()].map((c) => c.close()));
    this.colls.clear();
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
