/**
 * getStreamProcessorStats (asp-spec §8): counters kept by the processor, latency percentiles
 * over a sliding 30 s window, and the reply document with its field names and scale rule.
 */
import type { Value } from '../core/types';
import type { ProcessorStatus } from './states';

/** Plain numeric fields so the hot path increments without allocation. */
export class Counters {
  inputMessageCount = 0;
  inputMessageSize = 0;
  outputMessageCount = 0;
  outputMessageSize = 0;
  dlqMessageCount = 0;
  dlqMessageSize = 0;

  toJSON(): Record<string, number> {
    return {
      inputMessageCount: this.inputMessageCount,
      inputMessageSize: this.inputMessageSize,
      outputMessageCount: this.outputMessageCount,
      outputMessageSize: this.outputMessageSize,
      dlqMessageCount: this.dlqMessageCount,
      dlqMessageSize: this.dlqMessageSize,
    };
  }

  /** Counters survive restarts through checkpoints ("summary stats"). */
  restore(saved: Record<string, number> | undefined): void {
    if (!saved) return;
    for (const k of Object.keys(this.toJSON()) as (keyof Counters & string)[]) {
      const v = saved[k];
      if (typeof v === 'number') (this as unknown as Record<string, number>)[k] = v;
    }
  }
}

/** Latency samples (microseconds) kept for `windowMs`, in a ring so recording never allocates. */
export class LatencyWindow {
  private readonly at: Float64Array;
  private readonly us: Float64Array;
  private head = 0;
  private n = 0;

  constructor(private readonly windowMs = 30_000, capacity = 4096) {
    this.at = new Float64Array(capacity);
    this.us = new Float64Array(capacity);
  }

  record(now: number, micros: number): void {
    this.at[this.head] = now;
    this.us[this.head] = micros;
    this.head = (this.head + 1) % this.at.length;
    if (this.n < this.at.length) this.n++;
  }

  /** `latency` of verbose stats: p50/p99 over the samples of the last window. */
  summary(now: number): { p50: number; p99: number; start: Date; end: Date; unit: 'microseconds'; count: number; sum: number } {
    const vals: number[] = [];
    let start = now;
    for (let i = 0; i < this.n; i++) {
      const t = this.at[i]!;
      if (now - t <= this.windowMs) {
        vals.push(this.us[i]!);
        if (t < start) start = t;
      }
    }
    vals.sort((a, b) => a - b);
    const sum = vals.reduce((s, v) => s + v, 0);
    return { p50: percentile(vals, 0.5), p99: percentile(vals, 0.99), start: new Date(start), end: new Date(now), unit: 'microseconds', count: vals.length, sum };
  }
}

/** Nearest-rank percentile of sorted values; 0 when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]!);
}

export interface StatsInput {
  name: string;
  processorId: string;
  status: ProcessorStatus;
  counters: Counters;
  stateSize: number;
  watermark?: number;
  /** Source-specific fields (kafkaPartitions, changeStreamState, ...). */
  source?: Record<string, Value>;
  scale?: number;
  verbose?: boolean;
  latency?: LatencyWindow;
  operators?: Record<string, Value>[];
  now: number;
}

const SIZE_FIELDS = ['inputMessageSize', 'outputMessageSize', 'dlqMessageSize', 'stateSize', 'maxMemoryUsage'];

/** The `stats` document, fields in the order Atlas prints them. */
export function statsDocument(s: StatsInput): Record<string, Value> {
  const scale = s.scale && s.scale > 0 ? s.scale : 1;
  const c = s.counters;
  const out: Record<string, Value> = {
    name: s.name,
    processorId: s.processorId,
    status: s.status,
    scaleFactor: scale,
    inputMessageCount: c.inputMessageCount,
    inputMessageSize: c.inputMessageSize / scale,
    outputMessageCount: c.outputMessageCount,
    outputMessageSize: c.outputMessageSize / scale,
    dlqMessageCount: c.dlqMessageCount,
    dlqMessageSize: c.dlqMessageSize / scale,
    stateSize: s.stateSize / scale,
    memoryTrackerBytes: s.stateSize / scale,
  };
  if (s.watermark !== undefined && Number.isFinite(s.watermark)) out['watermark'] = new Date(s.watermark);
  if (s.source) Object.assign(out, s.source);
  if (s.verbose) {
    if (s.latency) out['latency'] = s.latency.summary(s.now);
    if (s.operators) {
      out['operatorStats'] = s.operators.map((o) => {
        const r = { ...o };
        for (const f of SIZE_FIELDS) if (typeof r[f] === 'number') r[f] = (r[f] as number) / scale;
        return r;
      });
    }
  }
  return out;
}
