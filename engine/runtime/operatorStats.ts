/**
 * verbose `operatorStats[]` (asp-spec §8). The run counts what enters at the source and what
 * reaches the sink; stages in between are listed with their engine names and the state they
 * hold, without per-stage counts (see docs/parity.md).
 */
import type { ConnectionRegistry } from '../connections/types';
import type { Doc, Value } from '../core/types';
import type { RunStats } from '../pipeline/run';
import { stageRegistry } from '../stages/registry';

const WINDOWS = new Set(['$tumblingWindow', '$hoppingWindow', '$sessionWindow']);

function sourceOperatorName(stage: Doc, registry: ConnectionRegistry): string {
  const src = stage['$source'] as Doc | undefined;
  if (src && 'documents' in src) return 'DocumentsDataSourceOperator';
  const conn = typeof src?.['connectionName'] === 'string' ? registry.get(src['connectionName']) : undefined;
  switch (conn?.type) {
    case 'Kafka':
      return 'KafkaConsumerOperator';
    case 'Cluster':
    case 'Local':
      return 'ChangeStreamConsumerOperator';
    case 'Sample':
      return 'SampleDataSourceOperator';
    default:
      return 'SourceOperator';
  }
}

export function operatorStats(pipeline: Value[], registry: ConnectionRegistry, run: RunStats | undefined, stateSize: number): Record<string, Value>[] {
  const last = pipeline.length - 1;
  return pipeline.map((s, i) => {
    const stage = s as Doc;
    const key = Object.keys(stage)[0] ?? '';
    const name = i === 0 ? sourceOperatorName(stage, registry) : stageRegistry.get(key)?.operatorName ?? key;
    const entry: Record<string, Value> = { name };
    if (i === 0) {
      entry['inputMessageCount'] = run?.inputMessageCount ?? 0;
      entry['inputMessageSize'] = run?.inputMessageSize ?? 0;
    }
    if (i === last) entry['outputMessageCount'] = run?.outputMessageCount ?? 0;
    if (WINDOWS.has(key)) entry['stateSize'] = stateSize;
    return entry;
  });
}
