/**
 * Which connection types a connectionName position accepts: the stage's field table says it
 * (`fields[].connectionTypes`, the list the engine's connectionRef checks), so completion,
 * quick fixes and acceptance cannot disagree. Also the hover line on what a type is for.
 */
import type { JsonPath } from '../../engine/core/types';
import type { ConnectionType } from '../../engine/connections/types';
import { fieldAt } from '../../engine/parse/fields';
import type { StageSpec } from '../../engine/parse/types';
import { stageRegistry } from '../../engine/stages/registry';

/** The processor's `options.dlq.connectionName`, until the processor-options table declares it. */
const DLQ_TYPES: readonly ConnectionType[] = ['Cluster', 'Local'];

/** Allowed types at `rel` below a stage's argument; undefined when the position is not a connection. */
export function connectionTypesAt(spec: StageSpec | undefined, rel: JsonPath): readonly string[] | undefined {
  const f = fieldAt(spec?.fields, rel);
  return f?.role === 'connection' ? f.connectionTypes : undefined;
}

/** Allowed types for a connectionName at `stage` (or `options`, the processor's) + dotted `optionPath`. */
export function allowedConnectionTypes(stage: string, optionPath: string): readonly string[] | undefined {
  if (stage === 'options') return optionPath === 'dlq.connectionName' ? DLQ_TYPES : undefined;
  return connectionTypesAt(stageRegistry.get(stage), optionPath.split('.'));
}

/** Where a connection of this type may be used, for hover text. */
export function connectionRole(t: string): string {
  switch (t) {
    case 'Kafka':
      return 'source ($source) or sink ($emit)';
    case 'Cluster':
      return 'change-stream source, $merge/$emit sink, $lookup, DLQ';
    case 'Local':
      return 'the embedded store: $merge sink, $lookup, DLQ and checkpoints with no server';
    case 'Sample':
      return 'sample source ($source)';
    case 'Https':
      return '$https';
    case 'TestLog':
      return 'a sink that logs each document ($emit)';
    default:
      return t;
  }
}
