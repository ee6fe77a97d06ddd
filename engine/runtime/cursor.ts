/**
 * Sample cursors (startSampleStreamProcessor / getMoreSampleStreamProcessor, and the cursor of
 * processStreamProcessor): a bounded buffer of messages as relaxed Extended JSON. DLQ records
 * arrive wrapped as `{ _dlqMessage: {...} }` like sp.process prints them.
 */
import { EJSON } from 'bson';
import type { Doc } from '../core/types';
import { DLQ_MESSAGE_KEY, type EJsonDoc } from '../../shared/protocol';

/** Messages held for a slow reader before the oldest are dropped (a sample, not a log). */
const MAX_BUFFERED = 10_000;

export class SampleCursor {
  readonly id: number;
  private buf: EJsonDoc[] = [];
  private taken = 0;
  private closed = false;
  lastUsed: number;

  constructor(private readonly limit: number, now: number, private readonly onClose: () => void) {
    // Cursor ids are positive 53-bit-safe integers (0 means "exhausted").
    this.id = 1 + Math.floor(Math.random() * 2 ** 40);
    this.lastUsed = now;
  }

  get exhausted(): boolean {
    return this.closed && this.buf.length === 0;
  }

  /** Wanted more documents? The producer stops feeding once the limit is reached. */
  get wants(): boolean {
    return !this.closed && this.taken < this.limit;
  }

  output(doc: Doc): void {
    if (!this.wants) return;
    this.push(EJSON.serialize(doc, { relaxed: true }) as EJsonDoc);
  }

  dlq(record: Doc): void {
    if (!this.wants) return;
    this.push({ [DLQ_MESSAGE_KEY]: EJSON.serialize(record, { relaxed: true }) });
  }

  private push(m: EJsonDoc): void {
    this.taken++;
    this.buf.push(m);
    if (this.buf.length > MAX_BUFFERED) this.buf.shift();
    if (this.taken >= this.limit) this.close();
  }

  /** The producer ended (run finished, processor stopped). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }

  /** Next batch; `cursorId` 0 once everything was handed out and nothing more will come. */
  getMore(batchSize: number, now: number): { messages: EJsonDoc[]; cursorId: number } {
    this.lastUsed = now;
    const messages = this.buf.splice(0, Math.max(1, batchSize));
    return { messages, cursorId: this.exhausted ? 0 : this.id };
  }
}

/** Idle sample cursors are dropped after this long. */
const CURSOR_IDLE_MS = 5 * 60_000;

/** A processor's open sample cursors: each sees the output and DLQ records from its opening on. */
export class SampleCursors {
  private readonly open = new Map<number, SampleCursor>();

  get size(): number {
    return this.open.size;
  }

  add(limit: number, now: number): SampleCursor {
    for (const [id, c] of this.open) if (now - c.lastUsed > CURSOR_IDLE_MS) this.open.delete(id);
    const cursor = new SampleCursor(limit, now, () => undefined);
    this.open.set(cursor.id, cursor);
    return cursor;
  }

  get(id: number): SampleCursor | undefined {
    const c = this.open.get(id);
    if (c?.exhausted) this.open.delete(id);
    return c;
  }

  output(doc: Doc): void {
    for (const c of this.open.values()) c.output(doc);
  }

  dlq(record: Doc): void {
    for (const c of this.open.values()) c.dlq(record);
  }

  closeAll(): void {
    for (const c of this.open.values()) c.close();
  }
}
