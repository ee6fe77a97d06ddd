/**
 * The Cluster connection type (I/O-free half): an Atlas cluster by `clusterName` (Admin API
 * `StreamsClusterConnection`), plus the local-only `uri` that says where it lives on this
 * machine. Test connection is in runtime.ts; the change-stream source and the collection
 * target are changeStreamSource.ts and target.ts, bound in createServices.
 */
import type { ClusterConnection } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { redactUri } from '../catalog/redact';

export const clusterKind: ConnectionKind<ClusterConnection> = {
  type: 'Cluster',
  summary: 'A MongoDB deployment: an Atlas cluster, here reached at a mongodb:// URI.',
  usedFor: 'change-stream source, $merge/$emit sink, $lookup, DLQ',
  icon: 'database',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-connection-registry/',
  fields: [
    { name: 'uri', role: 'literal', type: 'string', localOnly: true, secret: 'userinfo', description: 'Local only: the mongodb:// URI of this cluster on this machine; put a password in ${env:NAME}.' },
    { name: 'clusterName', role: 'literal', type: 'string', description: 'The Atlas cluster this connection names.' },
    { name: 'clusterGroupId', role: 'literal', type: 'string', aliases: ['clusterProjectId'], description: "The Atlas project of the cluster, when it is not the workspace's (an organization setting)." },
    {
      name: 'dbRoleToExecute',
      role: 'options',
      type: 'object',
      description: 'The database role the processor runs with on the cluster.',
      fields: [
        { name: 'role', role: 'literal', type: 'string', required: true, description: 'atlasAdmin, readWriteAnyDatabase, readAnyDatabase or a custom role.' },
        { name: 'type', role: 'literal', type: 'string', required: true, enum: ['BUILT_IN', 'CUSTOM'], description: 'BUILT_IN or CUSTOM.' },
      ],
    },
  ],
  template: { uri: 'mongodb://127.0.0.1:27017' },
  form: ['uri', 'clusterName'],
  check(c, report) {
    if (c['uri'] === undefined && c['clusterName'] === undefined) report('A Cluster connection needs a local "uri" (mongodb://...) to run on this machine', [], 'warning');
  },
  unreachable(c) {
    return c.uri === undefined ? `Cluster connection '${c.name}' has no local "uri": the local engine reaches it once it has one (mongodb://...)` : undefined;
  },
  describe(c) {
    const lines: string[] = [];
    if (c.clusterName) lines.push(`Atlas cluster: \`${c.clusterName}\``);
    if (typeof c.uri === 'string') lines.push(`Local URI: \`${redactUri(c.uri)}\``);
    return lines;
  },
  statsLabels: { source: 'ChangeStreamConsumerOperator' },
  load: () => import('./runtime'),
};
