/**
 * The broker's end offsets (high watermarks) of a Kafka source's topics, for the lag fields of
 * stats (`kafkaPartitions[].partitionOffsetLag`, `kafkaTotalOffsetLag`). A timer refreshes them
 * through the kafkajs admin client, on its own connection and never on the consume path, so
 * reading stats costs a map lookup and the consumer never waits for the admin requests.
 */
import type { Admin, Kafka } from 'kafkajs';

/** Atlas refreshes lag at least every 5 s; half of it keeps shown figures younger than that. */
export const END_OFFSETS_REFRESH_MS = 2500;

export class EndOffsets {
  private readonly ends = new Map<string, number>();
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly kafka: Kafka, private readonly topics: readonly string[], private readonly intervalMs = END_OFFSETS_REFRESH_MS) {}

  start(): void {
    if (this.timer || this.stopped) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  /** The next offset the broker will write to `topic:partition`, as of the last refresh. */
  end(tp: string): number | undefined {
    return this.ends.get(tp);
  }

  /** One refresh at a time; a failed one keeps the previous figures (lag is advisory). */
  refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        if (!this.admin) {
          const a = this.kafka.admin();
          await a.connect();
          if (this.stopped) {
            await a.disconnect().catch(() => undefined);
            return;
          }
          this.admin = a;
        }
        for (const topic of this.topics) {
          for (const p of await this.admin.fetchTopicOffsets(topic)) this.ends.set(`${topic}:${p.partition}`, Number(p.high));
        }
      } catch {
        // The broker is away or the topic is new: the consumer reports that; lag stays as it was.
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    const a = this.admin;
    this.admin = undefined;
    if (a) await a.disconnect().catch(() => undefined);
  }
}

/**
 * `partitionOffsetLag` of one partition: end offset − current offset, or null while either is
 * unknown (Atlas then reports `kafkaTotalOffsetLag` as null too).
 */
export function partitionLag(end: number | undefined, current: number | null): number | null {
  if (end === undefined || current === null) return null;
  return Math.max(0, end - current);
}
