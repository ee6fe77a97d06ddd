/**
 * Connection registry shapes (asp-spec §9), as read from asp.connections.json: the Admin API
 * `StreamsConnection` types plus the local built-ins (`Local`, `TestLog`). Each type's fields,
 * secrets and checks are declared once, in its folder's kind.ts (engine/connectors/<type>/);
 * these are the TypeScript shapes that table describes.
 */

/** The Admin API's `StreamsConnection.type` values, plus the built-ins of the local engine. */
export type ConnectionType =
  | 'Kafka'
  | 'Cluster'
  | 'Sample'
  | 'Https'
  | 'AWSLambda'
  | 'S3'
  | 'AWSKinesisDataStreams'
  | 'AzureBlobStorage'
  | 'GCPPubSub'
  | 'SchemaRegistry'
  | 'Local'
  | 'TestLog';

/** Fields Atlas returns on every entry (GET replies); a file copied from Atlas may carry them. */
interface AtlasEntry {
  name: string;
  /** Read-only in Atlas: PENDING | READY | DELETING | FAILED. */
  state?: string;
  region?: string;
}

/** The SASL mechanisms Atlas accepts; the local engine runs the `LocalSaslMechanism` ones. */
export type LocalSaslMechanism = 'PLAIN' | 'SCRAM-256' | 'SCRAM-512';
export type SaslMechanism = LocalSaslMechanism | 'OAUTHBEARER' | 'AWS_MSK_IAM';

export interface NetworkingAccess {
  access?: { type?: string; connectionId?: string; name?: string; tgwId?: string; vpcCIDR?: string };
}

export interface KafkaConnection extends AtlasEntry {
  type: 'Kafka';
  bootstrapServers: string;
  security?: { protocol?: 'PLAINTEXT' | 'SASL_PLAINTEXT' | 'SASL_SSL' | 'SSL'; brokerPublicCertificate?: string };
  authentication?: {
    mechanism?: SaslMechanism;
    username?: string;
    password?: string;
    method?: string;
    tokenEndpointUrl?: string;
    clientId?: string;
    clientSecret?: string;
    scope?: string;
    saslOauthbearerExtensions?: string;
    sslCertificate?: string;
    sslKey?: string;
    sslKeyPassword?: string;
    aws?: { roleArn?: string };
  };
  config?: Record<string, string | number | boolean>;
  networking?: NetworkingAccess;
}

export interface ClusterConnection extends AtlasEntry {
  type: 'Cluster';
  /** Local-only: where this cluster lives. May contain `${env:NAME}` references. */
  uri?: string;
  clusterName?: string;
  /** The Admin API's name for the cluster's project (`clusterProjectId` is accepted too). */
  clusterGroupId?: string;
  dbRoleToExecute?: { role?: string; type?: 'BUILT_IN' | 'CUSTOM' };
}

export interface SampleConnection extends AtlasEntry {
  type: 'Sample';
}

export interface HttpsConnection extends AtlasEntry {
  type: 'Https';
  url: string;
  headers?: Record<string, string>;
}

/** The SchemaRegistry connection (provider CONFLUENT): Avro on Kafka `$source` / `$emit`. */
export interface SchemaRegistryConnection extends AtlasEntry {
  type: 'SchemaRegistry';
  provider?: 'CONFLUENT';
  schemaRegistryUrls: string[];
  schemaRegistryAuthentication?: { type: 'USER_INFO'; username: string; password: string } | { type: 'SASL_INHERIT' };
}

/** AWS IAM role access (Unified AWS Access) shared by the AWS connection types. */
export interface AwsAccess {
  roleArn?: string;
  testBucket?: string;
}

export interface AwsLambdaConnection extends AtlasEntry {
  type: 'AWSLambda';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

export interface S3Connection extends AtlasEntry {
  type: 'S3';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

export interface KinesisConnection extends AtlasEntry {
  type: 'AWSKinesisDataStreams';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

export interface AzureBlobStorageConnection extends AtlasEntry {
  type: 'AzureBlobStorage';
  azure?: { servicePrincipalId?: string; storageAccountName?: string; region?: string };
  networking?: NetworkingAccess;
}

export interface GcpPubSubConnection extends AtlasEntry {
  type: 'GCPPubSub';
  gcp?: { serviceAccountId?: string };
  networking?: NetworkingAccess;
}

/** The embedded store: a Cluster-like connection kept in the state directory. */
export interface LocalConnection {
  name: string;
  type: 'Local';
}

/** `__testLog`: a sink that logs each document. */
export interface TestLogConnection {
  name: string;
  type: 'TestLog';
}

export type Connection =
  | KafkaConnection
  | ClusterConnection
  | SampleConnection
  | HttpsConnection
  | SchemaRegistryConnection
  | AwsLambdaConnection
  | S3Connection
  | KinesisConnection
  | AzureBlobStorageConnection
  | GcpPubSubConnection
  | LocalConnection
  | TestLogConnection;

export interface ConnectionRegistry {
  get(name: string): Connection | undefined;
  list(): Connection[];
  /** Where the registry came from (for messages and go-to-definition). */
  source?: string;
}

/** Cluster-like connections: a real MongoDB, or the embedded local store. */
export function isClusterLike(c: Connection | undefined): boolean {
  return c?.type === 'Cluster' || c?.type === 'Local';
}
