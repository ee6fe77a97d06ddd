/**
 * Connection registry shapes (asp-spec §9), as read from asp.connections.json: the Admin API
 * `StreamsConnection` types plus the local built-ins (`Local`, `TestLog`), keyed by type in
 * ConnectionShapes. Each type's fields, secrets and checks are declared once, in its folder's
 * kind.ts (engine/connectors/<type>/); these are the TypeScript shapes that table describes.
 */

/** Fields Atlas returns on every entry (GET replies); a file copied from Atlas may carry them. */
export interface AtlasEntry {
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

/**
 * Every connection type and its shape: the Admin API's `StreamsConnection.type` values, plus
 * the built-ins of the local engine. A type may add itself from its own folder
 * (engine/connectors/<type>/), with a module augmentation beside its kind, as the Atlas-only
 * types (AWSLambda, S3, AWSKinesisDataStreams, AzureBlobStorage, GCPPubSub) do:
 *   declare module '../../connections/types' { interface ConnectionShapes { Toy: ToyConnection } }
 */
export interface ConnectionShapes {
  Kafka: KafkaConnection;
  Cluster: ClusterConnection;
  Sample: SampleConnection;
  Https: HttpsConnection;
  SchemaRegistry: SchemaRegistryConnection;
  Local: LocalConnection;
  TestLog: TestLogConnection;
}

export type ConnectionType = keyof ConnectionShapes;
export type Connection = ConnectionShapes[ConnectionType];

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
