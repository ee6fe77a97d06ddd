/**
 * The Local connection type: the embedded store `local`, a Cluster-like connection kept in the
 * state directory ($merge, $lookup, DLQ and checkpoints with no server). Built in only; its
 * collection target is target.ts, bound in createServices.
 */
import type { LocalConnection } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';

export const localKind: ConnectionKind<LocalConnection> = {
  type: 'Local',
  summary: 'The embedded store in the state directory (local only).',
  usedFor: 'the embedded store: $merge sink, $lookup, DLQ and checkpoints with no server',
  icon: 'archive',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-connection-registry/',
  fields: [],
  form: [],
  builtins: [{ name: 'local', type: 'Local' }],
  inFile: false,
  describe: () => ['Kept in the local state directory; no server needed.'],
  statsLabels: { source: 'ChangeStreamConsumerOperator' },
  testMessage: 'the embedded local store is always available',
};
