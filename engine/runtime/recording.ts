/**
 * What a run's `$source` delivered, kept so that the run can become a test (the editor's "Save
 * as test" and "Capture input"): each record as the source decoded it, before any stage touched
 * it, with its watermark input, arrival (processing) time, event time and `_stream_meta.source`,
 * and the run's output and DLQ records. Bounded: past `maxEvents` the recording stops and says
 * it is truncated, so a long run never holds more than that in memory.
 */
import type { Clock } from '../core/clock';
import type { Doc, Value } from '../core/types';
import { END_OF_INPUT, type Source, type SourceBatch } from '../core/source';
import type { SourceFlavour } from '../sources/flavour';
import { isPlainObject } from '../bson/types';
import { cloneDoc } from '../json/clone';

export interface RecordedEvent {
  /** The document as decoded, without the event-time field the source writes into it. */
  doc: Doc;
  /** The watermark input ("topic:3" for Kafka); absent for one-input sources. */
  input?: string;
  /** Processing time of its arrival (ms). */
  at: number;
  /** The event time the source gave it (ms). */
  time: number;
  /** `_stream_meta.source` as the source wrote it. */
  source: Doc;
}

export interface RunRecording {
  /** The source's flavour type: documents | generated | kafka | atlas. */
  sourceType: string;
  /** The `$source` reads event time from the document (timeField), not from `time`. */
  hasTimeField: boolean;
  /** Kafka: the configured topics. */
  topics: string[];
  events: RecordedEvent[];
  /** Records the source could not decode: they have no document to replay. */
  undecodable: number;
  output: Doc[];
  dlq: Doc[];
  /** More than `maxEvents` documents arrived: only the first ones are kept. */
  truncated: boolean;
  /** Set when the run ended: when, and whether the source ran out (a drained documents source). */
  end?: { at: number; drained: boolean };
}

interface TimeConfig {
  tsFieldName?: string;
  timeField?: unknown;
  topics?: string[];
}

export class RunRecorder {
  readonly recording: RunRecording;
  /** Every record in arrival order; undefined for one that could not be decoded. */
  private readonly seen: (RecordedEvent | undefined)[] = [];

  constructor(private readonly maxEvents: number, private readonly clock: Clock) {
    this.recording = { sourceType: '', hasTimeField: false, topics: [], events: [], undecodable: 0, output: [], dlq: [], truncated: false };
  }

  /** The same flavour, with a Source that records what it returns. */
  wrap<C>(flavour: SourceFlavour<C>): SourceFlavour<C> {
    return {
      ...flavour,
      create: (config, env) => {
        const cfg = config as TimeConfig;
        this.recording.sourceType = flavour.type;
        this.recording.hasTimeField = cfg.timeField !== undefined;
        this.recording.topics = Array.isArray(cfg.topics) ? cfg.topics : [];
        return new RecordingSource(flavour.create(config, env), cfg.tsFieldName ?? '_ts', this);
      },
    };
  }

  /** Called by the source for each record it returns, before the pipeline sees it. */
  record(e: RecordedEvent | undefined): void {
    if (this.seen.length >= this.maxEvents) {
      this.recording.truncated = true;
      return;
    }
    this.seen.push(e);
  }

  now(): number {
    return this.clock.now();
  }

  output(d: Doc): void {
    this.recording.output.push(d);
  }

  dlq(d: Doc): void {
    this.recording.dlq.push(d);
  }

  /**
   * The run is over. `processed` is how many records it took in: a run stopped by a limit leaves
   * the rest of the source's last batch unread, and those must not be replayed.
   */
  finish(processed: number, drained: boolean): RunRecording {
    const taken = this.seen.slice(0, processed);
    this.recording.events = taken.filter((e): e is RecordedEvent => e !== undefined);
    this.recording.undecodable = taken.length - this.recording.events.length;
    this.recording.end = { at: this.clock.now(), drained };
    return this.recording;
  }
}

class RecordingSource implements Source {
  constructor(private readonly inner: Source, private readonly tsField: string, private readonly rec: RunRecorder) {}

  get type(): string {
    return this.inner.type;
  }

  connect(signal: AbortSignal): Promise<void> {
    return this.inner.connect(signal);
  }

  async read(signal: AbortSignal): Promise<SourceBatch | typeof END_OF_INPUT> {
    const batch = await this.inner.read(signal);
    if (batch === END_OF_INPUT) return batch;
    const at = this.rec.now();
    for (const r of batch.records) {
      // A document whose event time could not be read is replayable (it fails the same way);
      // bytes that did not decode are not.
      const doc = r.doc ?? (isPlainObject(r.dlq?.doc) ? (r.dlq.doc as Doc) : undefined);
      if (!doc) {
        this.rec.record(undefined);
        continue;
      }
      const copy = cloneDoc(doc);
      if (r.doc) delete copy[this.tsField];
      const e: RecordedEvent = { doc: copy, at, time: r.meta.ts, source: cloneDoc(r.meta.source) };
      if (r.input !== undefined) e.input = r.input;
      this.rec.record(e);
    }
    return batch;
  }

  commit(checkpointed?: Value): Promise<void> {
    return this.inner.commit?.(checkpointed) ?? Promise.resolve();
  }

  position(): Value {
    return this.inner.position();
  }

  seek(position: Value): void {
    this.inner.seek(position);
  }

  idleInputs(now: number): string[] {
    return this.inner.idleInputs?.(now) ?? [];
  }

  stats(): Record<string, Value> {
    return this.inner.stats?.() ?? {};
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
