/** Connection registry shapes (asp-spec §9), as read from asp.connections.json. */

export type ConnectionType = 'Kafka' | 'Cluster' | 'Sample' | 'Https' | 'Local' | 'TestLog';

export interface KafkaConnection {
  name: string;
  type: 'Kafka';
  bootstrapServers: string;
  security?: { protocol?: 'PLAINTEXT' | 'SASL_PLAINTEXT' | 'SASL_SSL' | 'SSL'; brokerPublicCertificate?: string };
  authentication?: { mechanism?: 'PLAIN' | 'SCRAM-256' | 'SCRAM-512'; username?: string; password?: string };
  config?: Record<string, string | number | boolean>;
}

export interface ClusterConnection {
  name: string;
  type: 'Cluster';
  /** Local-only: where this cluster lives. May contain `${env:NAME}` references. */
  uri?: string;
  clusterName?: string;
}

export interface SampleConnection {
  name: string;
  type: 'Sample';
}

export interface HttpsConnection {
  name: string;
  type: 'Https';
  url: string;
  headers?: Record<string, string>;
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

export type Connection = KafkaConnection | ClusterConnection | SampleConnection | HttpsConnection | LocalConnection | TestLogConnection;

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
