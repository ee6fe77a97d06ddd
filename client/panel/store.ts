/**
 * The output panel's row store: a ring buffer of the newest `capacity` rows, an
 * incrementally maintained filter index, pause with a bounded backlog, and counters with a
 * rate. Pure (no DOM), so it runs in the webview and under node:test alike.
 */

export interface Row {
  /** Position number given when the row enters the ring; consecutive within the ring. */
  seq: number;
  run: string;
  dlq: boolean;
  /** Top-level stage that produced a DLQ record, when known. */
  stage?: number;
  doc: unknown;
  /** Compact JSON, computed once: the one-line preview, the filter haystack, the export line. */
  text: string;
  /** When the row arrived (processing time for the histogram), from the store's clock. */
  at: number;
  /** Event time (ms) once read by rowEventTime(); null: the row has none. */
  eventTime?: number | null;
}

export interface Counts {
  /** Rows received since the last clear (including paused and evicted ones). */
  received: number;
  docs: number;
  dlq: number;
  /** Rows pushed out of the ring buffer by newer ones. */
  evicted: number;
  /** Rows waiting while paused. */
  pending: number;
  /** Rows per second over the last completed second(s). */
  rate: number;
}

const DLQ_KEY = '_dlqMessage';

export class RowStore {
  private ring: (Row | undefined)[];
  private head = 0; // index of the oldest row
  private size = 0;
  private nextSeq = 0;
  private filterText = '';
  /** seqs of rows matching the filter, oldest first; only maintained when a filter is set. */
  private matches: number[] = [];
  private matchStart = 0;
  private backlog: Row[] = [];
  private paused = false;
  private counts = { received: 0, docs: 0, dlq: 0, evicted: 0 };
  private rateBucketStart = 0;
  private rateBucketCount = 0;
  private lastRate = 0;
  /** Bumped on every visible change, so a renderer can skip frames with nothing new. */
  version = 0;

  constructor(
    private capacity: number,
    private readonly now: () => number = Date.now,
    /** Sees every row as it arrives, paused or not (the table learns its columns here). */
    private readonly onRow?: (row: Row) => void,
  ) {
    this.ring = new Array<Row | undefined>(capacity);
  }

  /** Adds a batch; returns the number of rows that became visible. */
  append(run: string, docs: readonly unknown[], dlqStages?: Record<number, number>): number {
    this.countRate(docs.length);
    const at = this.now();
    let shown = 0;
    for (let i = 0; i < docs.length; i++) {
      const raw = docs[i];
      const isDlq = raw !== null && typeof raw === 'object' && DLQ_KEY in (raw as object);
      const doc = isDlq ? (raw as Record<string, unknown>)[DLQ_KEY] : raw;
      const row: Row = { seq: -1, run, dlq: isDlq, doc, text: JSON.stringify(doc) ?? 'undefined', at };
      const stage = dlqStages?.[i];
      if (stage !== undefined) row.stage = stage;
      this.onRow?.(row);
      this.counts.received++;
      if (isDlq) this.counts.dlq++;
      else this.counts.docs++;
      if (this.paused) {
        this.backlog.push(row);
        if (this.backlog.length > this.capacity) {
          this.backlog.shift();
          this.counts.evicted++;
        }
      } else {
        this.push(row);
        shown++;
      }
    }
    if (shown > 0) this.version++;
    return shown;
  }

  private push(row: Row): void {
    if (this.size === this.capacity) {
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.size--;
      this.counts.evicted++;
    }
    row.seq = this.nextSeq++;
    this.ring[(this.head + this.size) % this.capacity] = row;
    this.size++;
    if (this.filterText !== '' && this.matchesFilter(row)) this.matches.push(row.seq);
    this.dropStaleMatches();
  }

  private dropStaleMatches(): void {
    const oldest = this.oldestSeq();
    while (this.matchStart < this.matches.length && this.matches[this.matchStart]! < oldest) this.matchStart++;
    // Compact now and then so the array does not grow without bound.
    if (this.matchStart > 4096 && this.matchStart * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.matchStart);
      this.matchStart = 0;
    }
  }

  private oldestSeq(): number {
    return this.size === 0 ? this.nextSeq : this.ring[this.head]!.seq;
  }

  private matchesFilter(row: Row): boolean {
    return row.text.toLowerCase().includes(this.filterText) || (row.dlq && 'dlq'.includes(this.filterText));
  }

  private countRate(n: number): void {
    const t = this.now();
    if (t - this.rateBucketStart >= 1000) {
      const elapsed = t - this.rateBucketStart;
      this.lastRate = elapsed < 2000 ? this.rateBucketCount : 0;
      this.rateBucketStart = t - (elapsed % 1000);
      this.rateBucketCount = 0;
    }
    this.rateBucketCount += n;
  }

  /** Sets the case-insensitive text filter ('' shows everything). */
  setFilter(text: string): void {
    const f = text.trim().toLowerCase();
    if (f === this.filterText) return;
    this.filterText = f;
    this.matches = [];
    this.matchStart = 0;
    if (f !== '') for (let i = 0; i < this.size; i++) {
      const row = this.ring[(this.head + i) % this.capacity]!;
      if (this.matchesFilter(row)) this.matches.push(row.seq);
    }
    this.version++;
  }

  get filter(): string {
    return this.filterText;
  }

  /** Number of rows the list shows (after the filter). */
  get visibleCount(): number {
    return this.filterText === '' ? this.size : this.matches.length - this.matchStart;
  }

  /** The i-th visible row, oldest first. */
  visibleAt(i: number): Row | undefined {
    if (i < 0 || i >= this.visibleCount) return undefined;
    if (this.filterText === '') return this.ring[(this.head + i) % this.capacity];
    const seq = this.matches[this.matchStart + i]!;
    return this.ring[(this.head + (seq - this.oldestSeq())) % this.capacity];
  }

  /** Visible rows in [from, to). */
  slice(from: number, to: number): Row[] {
    const out: Row[] = [];
    const end = Math.min(to, this.visibleCount);
    for (let i = Math.max(0, from); i < end; i++) out.push(this.visibleAt(i)!);
    return out;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused) {
      const rows = this.backlog;
      this.backlog = [];
      for (const r of rows) this.push(r);
      this.version++;
    }
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Shrinks or grows the ring, keeping the newest rows. */
  setCapacity(capacity: number): void {
    if (capacity === this.capacity || capacity < 1) return;
    const rows = this.slice(0, this.size);
    const filter = this.filterText;
    this.capacity = capacity;
    this.ring = new Array<Row | undefined>(capacity);
    this.head = 0;
    this.size = 0;
    this.filterText = '';
    this.matches = [];
    this.matchStart = 0;
    const keep = rows.slice(Math.max(0, rows.length - capacity));
    this.counts.evicted += rows.length - keep.length;
    for (const r of keep) this.push(r);
    this.setFilter(filter);
  }

  clear(): void {
    this.ring = new Array<Row | undefined>(this.capacity);
    this.head = 0;
    this.size = 0;
    this.matches = [];
    this.matchStart = 0;
    this.backlog = [];
    this.counts = { received: 0, docs: 0, dlq: 0, evicted: 0 };
    this.rateBucketCount = 0;
    this.lastRate = 0;
    this.version++;
  }

  getCounts(): Counts {
    const t = this.now();
    // A stream that went quiet shows 0, not its last busy second.
    const rate = t - this.rateBucketStart >= 2000 ? 0 : this.lastRate;
    return { ...this.counts, pending: this.backlog.length, rate };
  }

  /** The visible rows as NDJSON (one compact document per line; DLQ rows keep their wrapper). */
  toNdjson(): string {
    let out = '';
    for (let i = 0; i < this.visibleCount; i++) {
      const r = this.visibleAt(i)!;
      out += (r.dlq ? `{"${DLQ_KEY}":${r.text}}` : r.text) + '\n';
    }
    return out;
  }
}
