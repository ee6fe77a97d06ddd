/**
 * Per-stage observation of a running chain: input/output/DLQ counts for verbose operatorStats,
 * execution time sampled on one document in 256 (timing every document would cost more than
 * most stages), and for debug runs the first N documents each stage emitted, dropped and sent to
 * the DLQ (the StageTrace of shared/protocol.ts). Indexes are chain positions: 0 = pipeline[1].
 */
import { EJSON } from 'bson';
import type { Doc, Value } from '../core/types';
import type { Meta } from '../core/meta';
import type { ChainProbe } from '../pipeline/chain';
import { renderDlqRecord } from '../pipeline/dlqRecord';
import type { Emit } from '../core/operator';
import type { StageRuntime } from '../io/types';
import type { DlqRecord, EJsonDoc, StageTrace } from '../../shared/protocol';
import { LatencyWindow } from './stats';

const SAMPLE_MASK = 255;

interface Capture {
  emitted: EJsonDoc[];
  dropped: EJsonDoc[];
  dlq: DlqRecord[];
}

export interface ProbeStage {
  name: string;
  /** Windows absorb documents into state: nothing they hold counts as dropped. */
  absorbs: boolean;
}

function ejson(d: Value): EJsonDoc {
  return EJSON.serialize({ d } as Doc, { relaxed: true })['d'] as EJsonDoc;
}

export class StageProbe implements ChainProbe {
  /** Documents that entered chain stage i; index n counts what reached the chain's end. */
  readonly inCount: number[];
  readonly dlqCount: number[];
  readonly timeMicros: number[];
  readonly latency: LatencyWindow[];
  /** Figures a stage publishes itself (StageRuntime.reportStats: cache hits, throttle state). */
  readonly extra: ((() => Record<string, Value>) | undefined)[];
  private readonly captures: Capture[] | undefined;
  private seq = 0;
  private sampling = false;
  /** Exclusive-time bookkeeping: time spent in nested (downstream) stages of the current push. */
  private child = 0;
  /** Time reaches stats through the caller's clock, so latency windows follow injected clocks. */
  constructor(
    private readonly stages: ProbeStage[],
    private readonly now: () => number,
    private readonly trace?: { perStage: number; metaField: string; processorName: string },
  ) {
    const n = stages.length;
    this.inCount = new Array<number>(n + 1).fill(0);
    this.dlqCount = new Array<number>(n + 1).fill(0);
    this.timeMicros = new Array<number>(n).fill(0);
    this.latency = stages.map(() => new LatencyWindow(30_000, 512));
    this.extra = stages.map(() => undefined);
    this.captures = trace ? Array.from({ length: n + 1 }, () => ({ emitted: [], dropped: [], dlq: [] })) : undefined;
  }

  runtime(i: number, rt: StageRuntime): StageRuntime {
    return {
      ...rt,
      reportStats: (read) => {
        this.extra[i] = read;
      },
      dlq: (input) => {
        this.dlqCount[i]!++;
        const c = this.captures?.[i];
        if (c && this.trace && c.dlq.length < this.trace.perStage) {
          c.dlq.push(ejson(renderDlqRecord(input, { metaField: this.trace.metaField, processorName: this.trace.processorName, now: rt.clock.now() })) as DlqRecord);
        }
        rt.dlq(input);
      },
    };
  }

  enter(i: number, push: Emit): Emit {
    const n = this.stages.length;
    const captures = this.captures;
    const per = this.trace?.perStage ?? 0;
    if (i === n) {
      return (doc, meta) => {
        this.inCount[n]!++;
        if (captures && n > 0 && captures[n - 1]!.emitted.length < per) captures[n - 1]!.emitted.push(ejson(doc));
        push(doc, meta);
      };
    }
    const absorbs = this.stages[i]!.absorbs;
    return (doc: Doc, meta: Meta) => {
      this.inCount[i]!++;
      // What enters stage i was emitted by stage i - 1 (i = 0: by $source, kept at index n).
      if (captures) {
        const from = captures[i === 0 ? n : i - 1]!;
        if (from.emitted.length < per) from.emitted.push(ejson(doc));
      }
      if (i === 0) this.sampling = (++this.seq & SAMPLE_MASK) === 1;
      const watchDrop = captures !== undefined && !absorbs && captures[i]!.dropped.length < per;
      const outBefore = this.inCount[i + 1]!;
      const dlqBefore = this.dlqCount[i]!;
      if (!this.sampling) {
        push(doc, meta);
      } else {
        const outer = this.child;
        this.child = 0;
        const t0 = performance.now();
        push(doc, meta);
        const incl = performance.now() - t0;
        const own = Math.max(0, incl - this.child) * 1000;
        this.timeMicros[i]! += own * (SAMPLE_MASK + 1);
        this.latency[i]!.record(this.now(), own);
        this.child = outer + incl;
        if (i === 0) this.sampling = false;
      }
      if (watchDrop && this.inCount[i + 1] === outBefore && this.dlqCount[i] === dlqBefore) captures![i]!.dropped.push(ejson(doc));
    };
  }

  /**
   * The StageTrace list of a run: `$source` counts what the run read; its DLQ records are those
   * the chain did not produce (documents whose event time could not be read, undecodable ones).
   */
  runTraces(stats: { inputMessageCount: number; dlqMessageCount: number }): StageTrace[] {
    const chainDlq = this.dlqCount.reduce((a, b) => a + b, 0);
    return this.traces({ name: '$source', inCount: stats.inputMessageCount, dlqCount: Math.max(0, stats.dlqMessageCount - chainDlq) });
  }

  /** The StageTrace list: $source first (index 0), then each chain stage at its pipeline index. */
  traces(source: { name: string; inCount: number; dlqCount: number }): StageTrace[] {
    const n = this.stages.length;
    const cap = (i: number): Capture => this.captures?.[i] ?? { emitted: [], dropped: [], dlq: [] };
    const out: StageTrace[] = [
      {
        index: 0,
        stage: source.name,
        inCount: source.inCount,
        outCount: this.inCount[0]!,
        droppedCount: Math.max(0, source.inCount - this.inCount[0]! - source.dlqCount),
        dlqCount: source.dlqCount,
        ...cap(n),
      },
    ];
    this.stages.forEach((s, i) => {
      const inC = this.inCount[i]!;
      const outC = this.inCount[i + 1]!;
      const dlqC = this.dlqCount[i]!;
      out.push({ index: i + 1, stage: s.name, inCount: inC, outCount: outC, droppedCount: s.absorbs ? 0 : Math.max(0, inC - outC - dlqC), dlqCount: dlqC, ...cap(i) });
    });
    return out;
  }
}

/** The stages a run's chain holds: between `$source` and the sink, as PipelineRun builds them. */
export function chainStagesOf(v: { stages: { name: string; spec: { kind: string } }[] }): ProbeStage[] {
  const s = v.stages;
  const isSink = s.length > 1 && s[s.length - 1]!.spec.kind === 'sink';
  return s.slice(1, isSink ? -1 : undefined).map((x) => ({ name: x.name, absorbs: x.spec.kind === 'window' }));
}

/** The probe of a Debug run (the editor's Debug command, a test run from the Test Explorer's Debug profile). */
export function debugProbe(v: { stages: { name: string; spec: { kind: string } }[] }, now: () => number, o: { perStage: number; metaField: string; processorName: string }): StageProbe {
  return new StageProbe(chainStagesOf(v), now, { perStage: Math.max(0, Math.min(1000, Math.floor(o.perStage))), metaField: o.metaField, processorName: o.processorName });
}
