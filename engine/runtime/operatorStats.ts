/**
 * verbose `operatorStats[]` (asp-spec §8): one entry per pipeline stage with its engine operator
 * name. Counts come from the run's StageProbe (per run, not carried across restarts); execution
 * time and latency are estimated from sampled documents (see stageProbe.ts).
 */
import type { ConnectionRegistry } from '../connections/types';
import { kindOf } from '../connectors/catalog/index';
import type { Doc, Value } from '../core/types';
import type { RunStats } from '../pipeline/run';
import { stageRegistry } from '../stages/registry';
import type { StageProbe } from './stageProbe';

const WINDOWS = new Set(['$tumblingWindow', '$hoppingWindow', '$sessionWindow']);

function sourceOperatorName(stage: Doc, registry: ConnectionRegistry): string {
  const src = stage['$source'] as Doc | undefined;
  if (src && 'documents' in src) return 'DocumentsDataSourceOperator';
  const conn = typeof src?.['connectionName'] === 'string' ? registry.get(src['connectionName']) : undefined;
  return kindOf(conn?.type)?.statsLabels?.source ?? 'SourceOperator';
}

export interface OperatorStatsInput {
  pipeline: Value[];
  registry: ConnectionRegistry;
  run?: RunStats;
  probe?: StageProbe;
  /** Bytes of output documents (the sink's outputMessageSize). */
  outputBytes: number;
  stateSize: number;
  now: number;
}

export function operatorStats(s: OperatorStatsInput): Record<string, Value>[] {
  const { pipeline, run, probe } = s;
  const last = pipeline.length - 1;
  const hasSink = last > 0 && stageRegistry.get(Object.keys(pipeline[last] as Doc)[0] ?? '')?.kind === 'sink';
  const chainLen = probe ? probe.inCount.length - 1 : 0;
  return pipeline.map((st, i) => {
    const stage = st as Doc;
    const key = Object.keys(stage)[0] ?? '';
    const name = i === 0 ? sourceOperatorName(stage, s.registry) : stageRegistry.get(key)?.operatorName ?? key;
    const entry: Record<string, Value> = { name };
    if (i === 0) {
      entry['inputMessageCount'] = run?.inputMessageCount ?? 0;
      entry['inputMessageSize'] = run?.inputMessageSize ?? 0;
      entry['outputMessageCount'] = probe ? probe.inCount[0]! : (run?.outputMessageCount ?? 0);
      return entry;
    }
    const c = i - 1; // chain index
    if (probe && c < chainLen) {
      entry['inputMessageCount'] = probe.inCount[c]!;
      entry['outputMessageCount'] = probe.inCount[c + 1]!;
      entry['dlqMessageCount'] = probe.dlqCount[c]!;
      entry['executionTimeMillis'] = Math.round(probe.timeMicros[c]! / 1000);
      const l = probe.latency[c]!.summary(s.now);
      entry['latency'] = { p50: l.p50, p99: l.p99, unit: l.unit, count: l.count };
      const own = probe.extra[c]?.();
      if (own) Object.assign(entry, own);
    } else if (i === last && hasSink) {
      entry['inputMessageCount'] = probe ? probe.inCount[chainLen]! : (run?.outputMessageCount ?? 0);
      entry['outputMessageCount'] = run?.outputMessageCount ?? 0;
      entry['outputMessageSize'] = s.outputBytes;
    }
    if (WINDOWS.has(key)) entry['stateSize'] = s.stateSize;
    return entry;
  });
}
