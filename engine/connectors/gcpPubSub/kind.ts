/**
 * The GCPPubSub connection type: Google Cloud Pub/Sub for `$emit`, through a GCP service account
 * Atlas uses. Atlas only.
 */
import type { AtlasEntry, NetworkingAccess } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { PUBLIC_PRIVATE_NETWORKING, REGISTRY_DOCS } from '../catalog/fields';

// The shape joins ConnectionShapes from here: the type is this folder plus its catalog line.
export interface GcpPubSubConnection extends AtlasEntry {
  type: 'GCPPubSub';
  gcp?: { serviceAccountId?: string };
  networking?: NetworkingAccess;
}

declare module '../../connections/types' {
  interface ConnectionShapes {
    GCPPubSub: GcpPubSubConnection;
  }
}

export const gcpPubSubKind: ConnectionKind<GcpPubSubConnection> = {
  type: 'GCPPubSub',
  summary: 'Google Cloud Pub/Sub, through a service account (Atlas only).',
  usedFor: '$emit to Pub/Sub, on Atlas',
  icon: 'broadcast',
  docsUrl: REGISTRY_DOCS,
  fields: [
    {
      name: 'gcp',
      role: 'options',
      type: 'object',
      required: true,
      description: 'The GCP service account Atlas uses.',
      fields: [{ name: 'serviceAccountId', role: 'literal', type: 'string', required: true, description: 'The service account, authorised for the project in Atlas.' }],
    },
    PUBLIC_PRIVATE_NETWORKING,
  ],
  template: { gcp: { serviceAccountId: '<service account>' } },
  form: ['gcp.serviceAccountId'],
  atlasOnly: true,
  describe: (c) => (c.gcp?.serviceAccountId ? [`Service account: \`${c.gcp.serviceAccountId}\``] : []),
};
