/**
 * Field-table pieces several connection kinds share: what every Atlas entry carries (the
 * read-only fields of a GET reply, `region`), the IAM role access of the AWS types and the two
 * networking shapes of the Admin API (`networking` for Kafka, S3 and Kinesis;
 * `publicPrivateNetworking` for Lambda, Azure and GCP).
 */
import type { FieldSpec } from '../../parse/fieldSpec';

/** Present on every entry besides `name` and `type`. */
export const ENTRY_FIELDS: readonly FieldSpec[] = [
  { name: 'region', role: 'literal', type: 'string', description: "The connection's region (Atlas)." },
  { name: 'state', role: 'literal', type: 'string', readOnly: true, description: 'Set by Atlas: PENDING, READY, DELETING or FAILED.' },
  { name: 'id', role: 'literal', type: 'string', readOnly: true, description: 'Set by Atlas: the connection id.' },
  { name: 'links', role: 'literal', type: 'array', readOnly: true, description: 'Set by Atlas: links to related API resources.' },
];

const ACCESS_TYPES = ['PUBLIC', 'VPC', 'PRIVATE_LINK', 'TRANSIT_GATEWAY'] as const;

/** `networking.access` (Kafka, S3, AWSKinesisDataStreams). */
export const NETWORKING: FieldSpec = {
  name: 'networking',
  role: 'options',
  type: 'object',
  localNote: 'Atlas network access; the local engine connects directly.',
  description: 'How Atlas reaches the service: PUBLIC (default), VPC peering, PrivateLink or a transit gateway.',
  fields: [
    {
      name: 'access',
      role: 'options',
      type: 'object',
      description: 'The network access type and, for private access, its Atlas connection.',
      fields: [
        { name: 'type', role: 'literal', type: 'string', enum: ACCESS_TYPES, default: 'PUBLIC', description: 'PUBLIC, VPC, PRIVATE_LINK or TRANSIT_GATEWAY.' },
        { name: 'connectionId', role: 'literal', type: 'string', description: 'The Atlas PrivateLink connection id (PRIVATE_LINK).' },
        { name: 'name', role: 'literal', type: 'string', description: 'The Atlas network connection name (PRIVATE_LINK).' },
        { name: 'tgwId', role: 'literal', type: 'string', description: 'The transit gateway id (TRANSIT_GATEWAY).' },
        { name: 'vpcCIDR', role: 'literal', type: 'string', description: 'The VPC CIDR block (TRANSIT_GATEWAY).' },
      ],
    },
  ],
};

/** `publicPrivateNetworking.access` (AWSLambda, AzureBlobStorage, GCPPubSub). */
export const PUBLIC_PRIVATE_NETWORKING: FieldSpec = {
  name: 'publicPrivateNetworking',
  role: 'options',
  type: 'object',
  localNote: 'Atlas network access; the local engine never reaches this service.',
  description: 'How Atlas reaches the service: PUBLIC (default) or PRIVATE_LINK.',
  fields: [
    {
      name: 'access',
      role: 'options',
      type: 'object',
      description: 'The network access type and, for PrivateLink, its Atlas connection.',
      fields: [
        { name: 'type', role: 'literal', type: 'string', enum: ['PUBLIC', 'PRIVATE_LINK'], default: 'PUBLIC', description: 'PUBLIC or PRIVATE_LINK.' },
        { name: 'connectionId', role: 'literal', type: 'string', description: 'The Atlas PrivateLink connection id.' },
      ],
    },
  ],
};

/** `aws`: the IAM role Atlas assumes (Unified AWS Access). */
export function awsAccess(extra: readonly FieldSpec[] = []): FieldSpec {
  return {
    name: 'aws',
    role: 'options',
    type: 'object',
    required: true,
    description: 'The AWS IAM role Atlas assumes to reach the service (Unified AWS Access).',
    fields: [
      { name: 'roleArn', role: 'literal', type: 'string', required: true, description: 'ARN of the IAM role, authorised for the project in Atlas.' },
      ...extra,
    ],
  };
}

/** The Connections view, completion and the form all use this page when a kind has no page of its own. */
export const REGISTRY_DOCS = 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/manage-connection-registry/';
