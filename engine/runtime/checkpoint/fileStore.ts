/**
 * The embedded checkpoint store: one file per checkpoint in a processor's folder.
 * A file is written under a temporary name, fsynced, then renamed, so a crash leaves either
 * the old set or the new file complete. A length and a CRC-32 in the file header catch torn
 * or corrupted files anyway (copied folders, full disks); those are skipped on load and named
 * (file and reason), so the processor can fall back to an older one or refuse to start.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { CheckpointFormatError, decodeCheckpoint, decodeHeader, splitSections } from './codec';
import type { CheckpointContent, CheckpointInfo, CheckpointStore, EncodedCheckpoint, LoadResult } from './types';

const MAGIC = Buffer.from('ASPCKPT1', 'latin1');
const PREFIX_BYTES = MAGIC.length + 8;
const FILE_RE = /^ckpt-(\d{12})\.bin$/;

export interface FileStoreOptions {
  /** How many complete checkpoints to keep; older ones are deleted after each save. */
  keep?: number;
}

export class FileCheckpointStore implements CheckpointStore {
  private readonly keep: number;

  constructor(readonly dir: string, opts: FileStoreOptions = {}) {
    this.keep = Math.max(1, opts.keep ?? 3);
  }

  async save(e: EncodedCheckpoint): Promise<CheckpointInfo> {
    await fsp.mkdir(this.dir, { recursive: true });
    let crc = 0;
    let len = 0;
    for (const s of e.sections) {
      crc = crc32(s, crc);
      len += s.length;
    }
    const prefix = Buffer.alloc(PREFIX_BYTES);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(len, MAGIC.length);
    prefix.writeUInt32LE(crc >>> 0, MAGIC.length + 4);
    const final = path.join(this.dir, fileName(e.id));
    const tmp = `${final}.tmp`;
    const fh = await fsp.open(tmp, 'w');
    try {
      await fh.writev([prefix, ...e.sections]);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, final);
    await syncDir(this.dir);
    await this.prune();
    return { id: e.id, time: e.time, bytes: len + PREFIX_BYTES, positions: e.positions, tables: e.tableBytes, trigger: e.trigger };
  }

  async loadLatest(): Promise<LoadResult> {
    const skipped: LoadResult['skipped'] = [];
    for (const id of (await this.ids()).reverse()) {
      try {
        return { checkpoint: decodeCheckpoint(await this.readSections(id)), skipped };
      } catch (err) {
        skipped.push({ id, location: path.join(this.dir, fileName(id)), reason: reason(err) });
      }
    }
    return { skipped };
  }

  async load(id: number): Promise<CheckpointContent | undefined> {
    if (!(await this.ids()).includes(id)) return undefined;
    return decodeCheckpoint(await this.readSections(id));
  }

  async list(): Promise<CheckpointInfo[]> {
    const out: CheckpointInfo[] = [];
    for (const id of await this.ids()) {
      try {
        const sections = await this.readSections(id);
        const h = decodeHeader(sections[0]!);
        const bytes = sections.reduce((n, s) => n + s.length, PREFIX_BYTES);
        out.push({ id: h.id, time: h.time, bytes, positions: h.positions, tables: h.tableBytes, trigger: h.trigger });
      } catch {
        // Corrupt files are reported by loadLatest; a listing shows only usable checkpoints.
      }
    }
    return out;
  }

  async clear(): Promise<void> {
    await fsp.rm(this.dir, { recursive: true, force: true });
  }

  /** Checkpoint ids present on disk, ascending. Leftover .tmp files are ignored. */
  async ids(): Promise<number[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch {
      return [];
    }
    const ids: number[] = [];
    for (const n of names) {
      const m = FILE_RE.exec(n);
      if (m) ids.push(Number(m[1]));
    }
    return ids.sort((a, b) => a - b);
  }

  private async readSections(id: number): Promise<Buffer[]> {
    const buf = await fsp.readFile(path.join(this.dir, fileName(id)));
    if (buf.length < PREFIX_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new CheckpointFormatError('not a checkpoint file');
    }
    const len = buf.readUInt32LE(MAGIC.length);
    const crc = buf.readUInt32LE(MAGIC.length + 4);
    const body = buf.subarray(PREFIX_BYTES);
    if (body.length !== len) throw new CheckpointFormatError(`expected ${len} bytes, found ${body.length}`);
    if (crc32(body) >>> 0 !== crc) throw new CheckpointFormatError('checksum mismatch');
    return splitSections(body);
  }

  private async prune(): Promise<void> {
    const ids = await this.ids();
    for (const id of ids.slice(0, Math.max(0, ids.length - this.keep))) {
      await fsp.rm(path.join(this.dir, fileName(id)), { force: true });
    }
  }
}

function fileName(id: number): string {
  return `ckpt-${String(id).padStart(12, '0')}.bin`;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Make the rename itself durable; not every platform can open a directory, which is fine. */
async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await fh?.close();
  }
}
