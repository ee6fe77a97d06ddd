/**
 * The built-in `sample_stream_solar` generator (asp-spec §2.4): solar-panel readings with the
 * documented fields, ranges, before-noon halving and one error event in 200.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import type { Doc, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { newEvalCtx } from '../expr/compile';
import { noUnknownFields } from '../parse/args';
import type { SourceFlavour } from './flavour';
import type { Source, SourceBatch, SourceRecord } from '../core/source';
import { parseTimeOptions, stampEventTime } from './common';
import { type TimeOptions } from '../io/types';

export type SampleConfig = TimeOptions;

const FIELDS = ['connectionName', 'timeField', 'tsFieldName', 'tsFieldOverride'] as const;
const OPERATOR = 'SampleDataSourceOperator';
/** Local default rate (docs/s); Atlas's own rate is unpublished (asp-spec §12 item 9). */
export const DEFAULT_SAMPLE_RATE = 10;
const MAX_BATCH = 1024;

/** mulberry32: a small, fast, seedable PRNG so tests can pin the generated stream. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ISO-8601 with milliseconds and "+00:00", as the Atlas generator prints `timestamp`. */
function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** One solar reading generated at `now` (ms) with random source `rnd`. */
export function solarReading(now: number, rnd: () => number): Doc {
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const afternoon = new Date(now).getUTCHours() >= 12;
  const doc: Doc = {
    device_id: `device_${int(0, 10)}`,
    group_id: int(0, 10),
    timestamp: isoWithOffset(now),
    max_watts: 450,
    event_type: rnd() < 1 / 200 ? 1 : 0,
  };
  if (doc['event_type'] === 0) {
    doc['obs'] = { watts: int(0, afternoon ? 450 : 225), temp: int(5, afternoon ? 25 : 12) };
  } else {
    doc['event_details'] = 'Network error';
  }
  return doc;
}

export const sampleFlavour: SourceFlavour<SampleConfig> = {
  type: 'generated',
  connectionTypes: ['Sample'],
  fields: FIELDS,
  parse(arg, path, ctx) {
    noUnknownFields(arg, FIELDS, '$source', path, ctx);
    return parseTimeOptions(arg, path, ctx);
  },
  create(config, env) {
    return new SampleSource(config, env.clock, env.slotCount, env.sample?.rate ?? DEFAULT_SAMPLE_RATE, env.sample?.seed ?? Date.now());
  },
};

class SampleSource implements Source {
  readonly type = 'generated';
  private rnd: () => number;
  private emitted = 0;
  /** Documents emitted since connect(), for pacing (emitted also counts a resumed prefix). */
  private paced = 0;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cfg: SampleConfig,
    private readonly clock: { now(): number },
    private readonly slotCount: number,
    private readonly rate: number,
    private readonly seed: number,
  ) {
    this.rnd = prng(seed);
  }

  async connect(): Promise<void> {
    this.startedAt = performance.now();
    this.paced = 0;
  }

  /** Documents due by now at `rate`; waits (abortably) for the next one when none is due. */
  async read(signal: AbortSignal): Promise<SourceBatch> {
    let n = MAX_BATCH;
    if (this.rate > 0) {
      const due = Math.floor(((performance.now() - this.startedAt) / 1000) * this.rate) + 1 - this.paced;
      if (due <= 0) {
        const wait = ((this.paced / this.rate) * 1000) - (performance.now() - this.startedAt);
        await new Promise<void>((resolve) => {
          // The listener is removed when the timer fires, so long runs do not pile them up.
          const onAbort = (): void => { clearTimeout(this.timer); resolve(); };
          this.timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, Math.max(1, wait));
          signal.addEventListener('abort', onAbort, { once: true });
        });
        return { records: [] };
      }
      n = Math.min(due, MAX_BATCH);
    }
    const records: SourceRecord[] = [];
    const ectx = newEvalCtx(this.slotCount, this.clock);
    for (let i = 0; i < n; i++) {
      const now = this.clock.now();
      const doc = solarReading(now, this.rnd);
      const meta = { ts: now, source: { type: 'generated' } };
      const bad = stampEventTime(doc, meta, now, this.cfg, ectx, OPERATOR);
      records.push(bad ? { meta, dlq: bad } : { doc, meta });
    }
    this.emitted += n;
    this.paced += n;
    return { records };
  }

  /** The generator is reproducible from its seed and count, so that is its position. */
  position(): Value {
    return { seed: this.seed, emitted: this.emitted };
  }

  seek(position: Value): void {
    if (!isPlainObject(position)) return;
    const seed = position['seed'];
    const emitted = position['emitted'];
    if (typeof seed === 'number' && typeof emitted === 'number') {
      this.rnd = prng(seed);
      // Replaying the PRNG keeps the resumed stream identical to an uninterrupted one.
      for (let i = 0; i < emitted; i++) solarReading(0, this.rnd);
      this.emitted = emitted;
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
  }
}
