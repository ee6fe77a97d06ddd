/**
 * The source a test feeds: the fixture's events in arrival order, one watermark input per
 * partition, processing time driven by an injected clock. It stands in for the pipeline's own
 * `$source` (documents, sample, Kafka or change stream) and keeps that source's event-time rule
 * (timeField, tsFieldName), its `_stream_meta.source` shape and its DLQ operator name, so a test
 * exercises the rest of the pipeline exactly as the real source would drive it.
 */
import type { ManualClock } from '../core/clock';
import type { Meta } from '../core/meta';
import type { Doc, Value } from '../core/types';
import { Long } from '../bson/types';
import { newEvalCtx } from '../expr/compile';
import { cloneDoc } from '../json/clone';
import { stampEventTime } from '../sources/common';
import type { TimeOptions } from '../io/types';
import type { SourceFlavour } from '../sources/flavour';
import { END_OF_INPUT, type Source, type SourceBatch, type SourceRecord } from '../core/source';
import type { TimelineEntry } from './timeline';

export interface FeedConfig {
  /** The replaced source's flavour type: documents | generated | kafka | atlas. */
  sourceType: string;
  time: TimeOptions;
  /** Kafka: the first configured topic, shown in `_stream_meta.source.topic`. */
  topic?: string;
  /** Processing time without data after which a partition stops holding the watermark back. */
  partitionIdleTimeoutMs?: number;
  timeline: TimelineEntry[];
  clock: ManualClock;
  /** With drain off, the end of input stops the run instead of closing open windows. */
  onExhausted?: () => void;
}

const OPERATORS: Record<string, string> = {
  documents: 'DocumentsDataSourceOperator',
  generated: 'SampleDataSourceOperator',
  kafka: 'KafkaConsumerOperator',
  atlas: 'ChangeStreamConsumerOperator',
};

export const feedFlavour: SourceFlavour<FeedConfig> = {
  type: 'test',
  connectionTypes: [],
  fields: [],
  parse: () => undefined,
  create: (config, env) => new FeedSource(config, env.slotCount),
};

class FeedSource implements Source {
  readonly type: string;
  private next = 0;
  private readonly offsets = new Map<string, number>();
  private readonly lastActivity = new Map<string, number>();
  private exhausted = false;

  constructor(private readonly cfg: FeedConfig, private readonly slotCount: number) {
    this.type = cfg.sourceType;
  }

  async connect(): Promise<void> {}

  async read(): Promise<SourceBatch | typeof END_OF_INPUT> {
    const tl = this.cfg.timeline;
    if (this.next >= tl.length) {
      if (!this.cfg.onExhausted) return END_OF_INPUT;
      if (!this.exhausted) {
        this.exhausted = true;
        this.cfg.onExhausted();
      }
      return { records: [] };
    }
    const e = tl[this.next]!;
    const clock = this.cfg.clock;
    // Time passes before the next document arrives: an empty batch lets the run mark idle
    // partitions and tick windows at the new time first, as it would while a real source waits.
    if (e.at > clock.now()) {
      clock.set(e.at);
      if (!e.doc) this.next++;
      return { records: [] };
    }
    this.next++;
    if (!e.doc) return { records: [] };
    return { records: [this.record(e, e.doc)] };
  }

  private record(e: TimelineEntry, original: Doc): SourceRecord {
    const doc = cloneDoc(original);
    const offset = this.offsets.get(e.partition) ?? 0;
    this.offsets.set(e.partition, offset + 1);
    this.lastActivity.set(e.partition, e.at);
    const meta: Meta = { ts: 0, source: this.sourceMeta(e, doc, offset) };
    let native = e.time;
    if (this.type === 'atlas' && e.timeGiven === false && doc['wallTime'] instanceof Date) native = doc['wallTime'].getTime();
    const operator = OPERATORS[this.type] ?? 'SourceOperator';
    const bad = stampEventTime(doc, meta, native, this.cfg.time, newEvalCtx(this.slotCount, this.cfg.clock), operator);
    return bad ? { meta, input: e.partition, dlq: bad } : { doc, meta, input: e.partition };
  }

  /** `_stream_meta.source` with the members the replaced source writes, then the event's own. */
  private sourceMeta(e: TimelineEntry, doc: Doc, offset: number): Doc {
    const out: Doc = { type: this.type };
    if (this.type === 'kafka') {
      out['topic'] = this.cfg.topic ?? 'test';
      out['partition'] = /^\d+$/.test(e.partition) ? Number(e.partition) : e.partition;
      out['offset'] = Long.fromNumber(offset);
    } else if (this.type === 'atlas') {
      for (const k of ['operationType', 'ns', 'documentKey']) if (doc[k] !== undefined) out[k] = doc[k];
    }
    if (e.source) Object.assign(out, e.source);
    if (this.type === 'kafka' && out['headers'] === undefined) out['headers'] = [];
    return out;
  }

  position(): Value {
    return { index: this.next };
  }

  seek(position: Value): void {
    const i = (position as { index?: unknown } | null)?.index;
    if (typeof i === 'number') this.next = i;
  }

  idleInputs(now: number): string[] {
    const t = this.cfg.partitionIdleTimeoutMs;
    if (t === undefined) return [];
    const out: string[] = [];
    for (const [p, last] of this.lastActivity) if (now - last >= t) out.push(p);
    return out;
  }

  async close(): Promise<void> {}
}
