/**
 * A collection's durable form: an append-only file of canonical Extended JSON lines, one per
 * write (`{"p": doc}` stores a document, `{"d": {"_id": id}}` removes one). Reopening replays
 * the lines; a torn last line (crash mid-append) is ignored. Compaction rewrites the live
 * documents to a temp file, fsyncs it and renames it over the log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Doc, Value } from '../core/types';
import { fromCanonicalJSON, toCanonicalJSON } from '../json/ejson';
import { readIfExists } from '../core/files';

export type LogEntry = { p: Doc } | { d: { _id: Value } };

export class AppendLog {
  private pending: string[] = [];
  private fh: fs.promises.FileHandle | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Lines in the file (live or dead), to decide when compaction pays. */
  lines = 0;

  constructor(readonly file: string) {}

  /** Replay the file; returns the entries in order. */
  load(): LogEntry[] {
    const text = readIfExists(this.file);
    if (text === undefined) return [];
    const out: LogEntry[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length === 0) continue;
      try {
        out.push(fromCanonicalJSON(line) as LogEntry);
      } catch {
        // Only the last line may be torn by a crash; anything else is real corruption.
        if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.length > 0)) throw new Error(`${this.file}:${i + 1}: corrupt store line`);
      }
    }
    this.lines = out.length;
    return out;
  }

  append(e: LogEntry): void {
    this.pending.push(toCanonicalJSON(e));
  }

  get dirty(): boolean {
    return this.pending.length > 0;
  }

  /** Write and fsync everything appended so far. Calls are serialised. */
  flush(): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.pending.length === 0) return;
      const batch = this.pending;
      this.pending = [];
      if (!this.fh) {
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
        this.fh = await fs.promises.open(this.file, 'a');
      }
      await this.fh.write(batch.join('\n') + '\n');
      await this.fh.sync();
      this.lines += batch.length;
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  /** Replace the file with exactly `docs` (temp file, fsync, rename). */
  compact(live: Iterable<Doc>): Promise<void> {
    // The live set already reflects pending writes: snapshot it now and drop them.
    const docs = [...live];
    this.pending = [];
    const run = async (): Promise<void> => {
      await this.closeHandle();
      const tmp = `${this.file}.tmp`;
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      const fh = await fs.promises.open(tmp, 'w');
      let n = 0;
      try {
        let buf: string[] = [];
        for (const d of docs) {
          buf.push(toCanonicalJSON({ p: d }));
          n++;
          if (buf.length >= 1000) {
            await fh.write(buf.join('\n') + '\n');
            buf = [];
          }
        }
        if (buf.length) await fh.write(buf.join('\n') + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, this.file);
      this.lines = n;
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  private async closeHandle(): Promise<void> {
    const fh = this.fh;
    this.fh = undefined;
    if (fh) await fh.close();
  }

  async close(): Promise<void> {
    await this.flush();
    const run = (): Promise<void> => this.closeHandle();
    this.chain = this.chain.then(run, run);
    await this.chain;
  }
}
