/** Which connection types each connectionName position accepts (asp-spec §3, §9). */
import type { ConnectionType } from '../../engine/connections/types';

const SOURCE: ConnectionType[] = ['Kafka', 'Cluster', 'Sample', 'Local'];
const CLUSTER: ConnectionType[] = ['Cluster', 'Local'];

/** Keyed by `<stage>` + option path of the connectionName, e.g. `$merge:into.connectionName`. */
const KINDS: Record<string, ConnectionType[]> = {
  '$source:connectionName': SOURCE,
  '$merge:into.connectionName': CLUSTER,
  '$emit:connectionName': ['Kafka', 'Cluster', 'Local', 'TestLog'],
  '$lookup:from.connectionName': CLUSTER,
  '$cachedLookup:from.connectionName': CLUSTER,
  '$https:connectionName': ['Https'],
  'options:dlq.connectionName': CLUSTER,
};

/** Allowed types for a connectionName at `stage` + `optionPath`; undefined when any type will do. */
export function allowedConnectionTypes(stage: string, optionPath: string): ConnectionType[] | undefined {
  return KINDS[`${stage}:${optionPath}`];
}
