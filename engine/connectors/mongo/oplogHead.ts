/**
 * The time of the newest oplog entry of a Cluster connection, for `changeStreamTimeDifferenceSecs`
 * ("the difference, in seconds, between the event time represented by the most recent change
 * stream resume token and the latest event in the oplog"). A timer reads the last entry of
 * `local.oplog.rs` in natural order (one document, no scan) off the read path. A server that
 * does not let the user read `local` leaves it unknown, and stats show null while the stream is
 * behind.
 */
import type { MongoClient, Timestamp } from 'mongodb';

export const OPLOG_HEAD_REFRESH_MS = 2500;

function isTimestamp(v: unknown): v is Timestamp {
  return (v as { _bsontype?: string } | null)?._bsontype === 'Timestamp';
}

export class OplogHead {
  private ts: Timestamp | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly client: () => Promise<MongoClient>, private readonly intervalMs = OPLOG_HEAD_REFRESH_MS) {}

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** The newest oplog entry's time as of the last refresh. */
  head(): Timestamp | undefined {
    return this.ts;
  }

  refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const c = await this.client();
        const [last] = await c.db('local').collection('oplog.rs').find({}, { projection: { ts: 1 } }).sort({ $natural: -1 }).limit(1).toArray();
        if (isTimestamp(last?.['ts'])) this.ts = last['ts'];
      } catch {
        // No access to the oplog, or the server is away (the stream reports that): unknown.
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}

/** Seconds from `position` to `head`; 0 when caught up, null when either time is unknown. */
export function timeDifferenceSecs(caughtUp: boolean, position: Timestamp | undefined, head: Timestamp | undefined): number | null {
  if (caughtUp) return 0;
  if (!position || !head) return null;
  return Math.max(0, head.high - position.high);
}
