/**
 * The dead letter queue as a sink (asp-spec §6). It takes records rendered by the pipeline run,
 * measures them, shows them to live taps (sample cursors) and writes them to the configured
 * collection (MongoDB or the embedded store), in order, after each batch and before each checkpoint commits.
 * With no DLQ configured the record is counted and dropped, as the engine does.
 */
import { calculateObjectSize } from 'bson';
import type { Doc } from '../core/types';

/** The slice of a collection the DLQ needs; a MongoDB collection or the embedded store. */
export interface DlqCollection {
  insertMany(docs: Doc[]): Promise<void>;
  /** Newest first, filtered and paged; `total` counts every match. */
  list(q: DlqQuery): Promise<{ entries: Doc[]; total: number }>;
}

export interface DlqSinkOptions {
  /** Absent: no DLQ configured (count and drop). */
  target?: DlqCollection;
  /** A write failed for good: the processor fails with this (external) error. */
  onError(err: unknown): void;
}

/** Records per insertMany; bounded so one write never nears the 48 MB batch limit. */
const WRITE_BATCH = 500;

export class DlqSink {
  private buffer: Doc[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly taps = new Set<(record: Doc) => void>();

  constructor(private readonly opts: DlqSinkOptions) {}

  get configured(): boolean {
    return this.opts.target !== undefined;
  }

  /** See every record as it is produced (sample cursors, previews). Returns an unsubscribe. */
  tap(fn: (record: Doc) => void): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  /** Bytes of every record pushed (dlqMessageSize). */
  bytes = 0;

  /** Takes a record rendered with the fields of asp-spec §6. Never throws. */
  push(record: Doc): void {
    this.bytes += calculateObjectSize(record);
    for (const t of this.taps) t(record);
    if (!this.opts.target) return;
    this.buffer.push(record);
    if (this.buffer.length >= WRITE_BATCH) void this.flush().catch(() => undefined);
  }

  /** Write everything pushed so far; the processor calls it after every batch and checkpoints wait on it. */
  async drain(): Promise<void> {
    await this.flush();
  }

  private flush(): Promise<void> {
    const target = this.opts.target;
    if (!target || this.buffer.length === 0) return this.writing;
    const batch = this.buffer;
    this.buffer = [];
    // Writes are chained so records reach the collection in the order they were produced.
    this.writing = this.writing.then(async () => {
      try {
        await target.insertMany(batch);
      } catch (err) {
        this.opts.onError(err);
        throw err;
      }
    });
    return this.writing;
  }
}

export interface DlqQuery {
  /** Case-insensitive substring of errInfo.reason. */
  reason?: string;
  /** Exact operatorName. */
  operatorName?: string;
  processorName?: string;
  skip?: number;
  limit?: number;
}

/** Exact-match and substring tests of DlqQuery for stores without a query language. */
export function matchesDlqQuery(rec: Doc, q: DlqQuery): boolean {
  if (q.processorName !== undefined && rec['processorName'] !== q.processorName) return false;
  if (q.operatorName !== undefined && rec['operatorName'] !== q.operatorName) return false;
  if (q.reason !== undefined) {
    const reason = (rec['errInfo'] as Doc | undefined)?.['reason'];
    if (typeof reason !== 'string' || !reason.toLowerCase().includes(q.reason.toLowerCase())) return false;
  }
  return true;
}

/** The same query as a MongoDB filter. */
export function dlqFilter(q: DlqQuery): Doc {
  const filter: Doc = {};
  if (q.processorName !== undefined) filter['processorName'] = q.processorName;
  if (q.operatorName !== undefined) filter['operatorName'] = q.operatorName;
  if (q.reason !== undefined) filter['errInfo.reason'] = { $regex: escapeRegex(q.reason), $options: 'i' };
  return filter;
}

export function pageOf(q: DlqQuery): { skip: number; limit: number } {
  return { skip: Math.max(0, q.skip ?? 0), limit: Math.max(1, q.limit ?? 20) };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
