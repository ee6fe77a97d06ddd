/**
 * Checkpoints in a MongoDB collection, for processors whose state should live with their data.
 * Mirrors the engine's layout: per-section records first, then one commit record; only a
 * checkpoint with a commit record (and matching CRC) is ever loaded. A committed checkpoint that
 * cannot be read is skipped and named by its documents' _ids, like a corrupt file in the file store.
 */
import { Binary, type Collection, type Document } from 'mongodb';
import { crc32 } from 'node:zlib';
import { CheckpointFormatError, decodeCheckpoint, decodeHeader } from './codec';
import type { CheckpointContent, CheckpointInfo, CheckpointStore, EncodedCheckpoint, LoadResult } from './types';

interface CommitRecord extends Document {
  proc: string;
  ckpt: number;
  commit: true;
  time: Date;
  sections: number;
  bytes: number;
  crc: number;
}

export class MongoCheckpointStore implements CheckpointStore {
  constructor(
    private readonly coll: Collection<Document>,
    private readonly processor: string,
    private readonly keep = 3,
  ) {}

  async save(e: EncodedCheckpoint): Promise<CheckpointInfo> {
    let crc = 0;
    const parts = e.sections.map((s, n) => {
      crc = crc32(s, crc);
      return { _id: `${this.processor}:${e.id}:${n}`, proc: this.processor, ckpt: e.id, n, data: new Binary(s) };
    });
    // A retry after a crash may find parts of the same id: replace them.
    await this.coll.deleteMany({ proc: this.processor, ckpt: e.id });
    if (parts.length) await this.coll.insertMany(parts as unknown as Document[], { ordered: true });
    const commit: CommitRecord = {
      proc: this.processor,
      ckpt: e.id,
      commit: true,
      time: new Date(e.time),
      sections: parts.length,
      bytes: e.bytes,
      crc: crc >>> 0,
    };
    await this.coll.insertOne({ _id: `${this.processor}:${e.id}:commit`, ...commit } as Document);
    const keepFrom = await this.coll
      .find({ proc: this.processor, commit: true })
      .sort({ ckpt: -1 })
      .skip(this.keep - 1)
      .limit(1)
      .toArray();
    if (keepFrom[0]) await this.coll.deleteMany({ proc: this.processor, ckpt: { $lt: keepFrom[0]['ckpt'] } });
    return { id: e.id, time: e.time, bytes: e.bytes, positions: e.positions, tables: e.tableBytes, trigger: e.trigger };
  }

  async loadLatest(): Promise<LoadResult> {
    const skipped: LoadResult['skipped'] = [];
    const commits = await this.commits();
    for (const c of commits.reverse()) {
      try {
        return { checkpoint: decodeCheckpoint(await this.sections(c)), skipped };
      } catch (err) {
        skipped.push({ id: c.ckpt, location: this.locationOf(c), reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return { skipped };
  }

  /** The documents holding checkpoint `c`, by _id, and their collection. */
  private locationOf(c: CommitRecord): string {
    const id = (n: number | string): string => JSON.stringify(`${this.processor}:${c.ckpt}:${n}`);
    const parts = typeof c.sections === 'number' && c.sections > 0 ? `${id(0)}..${id(c.sections - 1)} and ` : '';
    return `documents ${parts}${id('commit')} in ${this.coll.dbName}.${this.coll.collectionName}`;
  }

  async load(id: number): Promise<CheckpointContent | undefined> {
    const c = (await this.commits()).find((x) => x.ckpt === id);
    return c ? decodeCheckpoint(await this.sections(c)) : undefined;
  }

  async list(): Promise<CheckpointInfo[]> {
    const out: CheckpointInfo[] = [];
    for (const c of await this.commits()) {
      const first = await this.coll.findOne({ proc: this.processor, ckpt: c.ckpt, n: 0 });
      if (!first) continue;
      try {
        const h = decodeHeader(binBytes(first['data'] as Binary));
        out.push({ id: c.ckpt, time: new Date(c.time).getTime(), bytes: c.bytes, positions: h.positions, tables: h.tableBytes, trigger: h.trigger });
      } catch {
        // Unreadable checkpoints are reported by loadLatest; a listing shows only usable ones.
      }
    }
    return out;
  }

  async clear(): Promise<void> {
    await this.coll.deleteMany({ proc: this.processor });
  }

  private async commits(): Promise<CommitRecord[]> {
    const docs = await this.coll.find({ proc: this.processor, commit: true }).sort({ ckpt: 1 }).toArray();
    return docs as unknown as CommitRecord[];
  }

  private async sections(c: CommitRecord): Promise<Buffer[]> {
    const docs = await this.coll.find({ proc: this.processor, ckpt: c.ckpt, n: { $exists: true } }).sort({ n: 1 }).toArray();
    if (docs.length !== c.sections) throw new CheckpointFormatError(`expected ${c.sections} sections, found ${docs.length}`);
    const out = docs.map((d) => {
      if (!(d['data'] instanceof Binary)) throw new CheckpointFormatError(`section ${String(d['n'])} holds no binary data`);
      return binBytes(d['data']);
    });
    let crc = 0;
    for (const s of out) crc = crc32(s, crc);
    if (crc >>> 0 !== c.crc) throw new CheckpointFormatError('checksum mismatch');
    return out;
  }
}

function binBytes(b: Binary): Buffer {
  return Buffer.from(b.buffer.buffer, b.buffer.byteOffset, b.position);
}
