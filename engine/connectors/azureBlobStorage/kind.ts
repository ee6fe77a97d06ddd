/**
 * The AzureBlobStorage connection type: an Azure storage account for `$emit` to Blob Storage,
 * through a service principal Atlas uses. Atlas only.
 */
import type { AtlasEntry, NetworkingAccess } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { PUBLIC_PRIVATE_NETWORKING, REGISTRY_DOCS } from '../catalog/fields';

// The shape joins ConnectionShapes from here: the type is this folder plus its catalog line.
export interface AzureBlobStorageConnection extends AtlasEntry {
  type: 'AzureBlobStorage';
  azure?: { servicePrincipalId?: string; storageAccountName?: string; region?: string };
  networking?: NetworkingAccess;
}

declare module '../../connections/types' {
  interface ConnectionShapes {
    AzureBlobStorage: AzureBlobStorageConnection;
  }
}

export const azureBlobStorageKind: ConnectionKind<AzureBlobStorageConnection> = {
  type: 'AzureBlobStorage',
  summary: 'An Azure Blob Storage account, through a service principal (Atlas only).',
  usedFor: '$emit to Azure Blob Storage, on Atlas',
  icon: 'cloud',
  docsUrl: REGISTRY_DOCS,
  fields: [
    {
      name: 'azure',
      role: 'options',
      type: 'object',
      required: true,
      description: 'The Azure service principal and storage account Atlas writes to.',
      fields: [
        { name: 'servicePrincipalId', role: 'literal', type: 'string', required: true, description: 'The service principal, authorised for the project in Atlas.' },
        { name: 'storageAccountName', role: 'literal', type: 'string', required: true, description: 'The storage account.' },
        { name: 'region', role: 'literal', type: 'string', description: "The storage account's Azure region." },
      ],
    },
    PUBLIC_PRIVATE_NETWORKING,
  ],
  template: { azure: { servicePrincipalId: '<service principal>', storageAccountName: '<account>' } },
  form: ['azure.servicePrincipalId', 'azure.storageAccountName', 'azure.region'],
  atlasOnly: true,
  describe: (c) => (c.azure?.storageAccountName ? [`Storage account: \`${c.azure.storageAccountName}\``] : []),
};
