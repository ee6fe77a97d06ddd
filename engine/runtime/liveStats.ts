/**
 * Per-stage counts of a running pipeline from its StageProbe and run counters: the StageTrace
 * list with the sink appended, and the LiveStats the pipeline graph draws
 * (shared/protocol/liveStats.ts). Read about once a second, so nothing here runs per document.
 */
import type { Doc, Value } from '../core/types';
import type { RunStats } from '../pipeline/run';
import type { LiveStats, StageLive, StageTrace, WindowLive } from '../../shared/protocol';
import type { StageProbe } from './stageProbe';

/** Panes sent per window: enough to draw, bounded however many keys or sessions are open. */
const MAX_PANES = 64;

function stageName(s: Value | undefined): string {
  return Object.keys((s ?? {}) as Doc)[0] ?? '';
}

/**
 * $source, each chain stage at its pipeline index, and the sink when `pipeline` (as it runs:
 * a capture run has dropped its sink) ends with one.
 */
export function tracesWithSink(pipeline: Value[], probe: StageProbe, run: RunStats): StageTrace[] {
  const traces = probe.runTraces(run);
  const last = pipeline.length - 1;
  const sinkName = stageName(pipeline[last]);
  if (last > 0 && traces.length === last && sinkName) {
    const n = probe.inCount[probe.inCount.length - 1]!;
    traces.push({ index: last, stage: sinkName, inCount: n, outCount: run.outputMessageCount, droppedCount: 0, dlqCount: 0, emitted: [], dropped: [], dlq: [] });
  }
  return traces;
}

export interface LiveInput {
  name: string;
  state: LiveStats['state'];
  /** The pipeline as it runs (see tracesWithSink). */
  pipeline: Value[];
  probe: StageProbe;
  run: RunStats;
  now: number;
}

export function liveStats(i: LiveInput): LiveStats {
  const chainLen = i.probe.latency.length;
  const stages = tracesWithSink(i.pipeline, i.probe, i.run).map((t): StageLive => {
    const s: StageLive = { index: t.index, stage: t.stage, inCount: t.inCount, outCount: t.outCount, dlqCount: t.dlqCount };
    const c = t.index - 1;
    if (c >= 0 && c < chainLen) {
      const l = i.probe.latency[c]!.summary(i.now);
      s.latencyP50Us = l.p50;
      s.latencyP99Us = l.p99;
      s.latencySamples = l.count;
    }
    return s;
  });
  const windows = i.probe.windows(MAX_PANES).map(({ index, state }): WindowLive => ({ index: index + 1, stage: stageName(i.pipeline[index + 1]), ...state }));
  const out: LiveStats = {
    name: i.name,
    at: i.now,
    state: i.state,
    input: i.run.inputMessageCount,
    output: i.run.outputMessageCount,
    dlq: i.run.dlqMessageCount,
    stages,
    windows,
  };
  if (Number.isFinite(i.run.watermark)) out.watermark = i.run.watermark;
  return out;
}
