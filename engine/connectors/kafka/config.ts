/**
 * A Kafka connection (asp-spec §9) as a kafkajs client config: bootstrapServers, SASL
 * PLAIN/SCRAM, SSL with an optional broker CA, and the allow-listed config keys kafkajs has
 * an equivalent for. Secrets are resolved from `${env:NAME}` here and live only in memory.
 */
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { logLevel } from 'kafkajs';
import type { KafkaConnection, LocalSaslMechanism } from '../../connections/types';
import { resolveEnv } from '../../connections/env';
import { EngineError, errorMessage } from '../../core/errors';
// Every client built here can read (and $emit can write) snappy, lz4 and zstd batches.
import './codecs';

/** kafkajs's name for each mechanism the local engine runs (the list is kafka/kind.ts). */
const MECHANISMS: Record<LocalSaslMechanism, 'plain' | 'scram-sha-256' | 'scram-sha-512'> = {
  PLAIN: 'plain',
  'SCRAM-256': 'scram-sha-256',
  'SCRAM-512': 'scram-sha-512',
};

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function kafkaClientConfig(conn: KafkaConnection, env: NodeJS.ProcessEnv, clientId = 'asp-studio'): KafkaConfig {
  const r = (s: string): string => {
    try {
      return resolveEnv(s, env);
    } catch (e) {
      throw new EngineError(`Kafka connection '${conn.name}': ${errorMessage(e)}`, 'user', 'ASP_CONNECTION_CONFIG');
    }
  };
  const brokers = r(conn.bootstrapServers).split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new EngineError(`Kafka connection '${conn.name}' has no bootstrapServers`, 'user', 'ASP_CONNECTION_CONFIG');
  const protocol = conn.security?.protocol ?? (conn.authentication?.mechanism ? 'SASL_PLAINTEXT' : 'PLAINTEXT');
  const cfg: KafkaConfig = { clientId, brokers, logLevel: logLevel.NOTHING };
  const c = conn.config ?? {};
  if (typeof c['client.id'] === 'string') cfg.clientId = c['client.id'];
  const rt = num(c['request.timeout.ms']);
  if (rt !== undefined) cfg.requestTimeout = rt;
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    const ca = conn.security?.brokerPublicCertificate;
    const a = conn.authentication ?? {};
    // mTLS: a client certificate and key (the key's password, if any) go with the handshake.
    const client = a.sslCertificate && a.sslKey ? { cert: r(a.sslCertificate), key: r(a.sslKey), ...(a.sslKeyPassword ? { passphrase: r(a.sslKeyPassword) } : {}) } : undefined;
    cfg.ssl = ca || client ? { ...(ca ? { ca: [r(ca)] } : {}), ...client } : true;
  }
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    const a = conn.authentication ?? {};
    const name = a.mechanism ?? 'PLAIN';
    const mechanism = Object.hasOwn(MECHANISMS, name) ? MECHANISMS[name as LocalSaslMechanism] : undefined;
    if (!mechanism) throw new EngineError(`Kafka connection '${conn.name}': authentication mechanism ${name} runs on Atlas only (the local engine connects with ${Object.keys(MECHANISMS).join(', ')})`, 'user', 'ASP_CONNECTION_CONFIG');
    cfg.sasl = { mechanism, username: r(a.username ?? ''), password: r(a.password ?? '') } as SASLOptions;
  }
  return cfg;
}

/** Consumer settings from the connection's allow-listed config keys (others are ignored, as in Atlas). */
export function consumerTuning(conn: KafkaConnection): { sessionTimeout?: number; heartbeatInterval?: number; maxBytes?: number; minBytes?: number; maxBytesPerPartition?: number; allowAutoTopicCreation?: boolean; readUncommitted?: boolean } {
  const c = conn.config ?? {};
  const out: ReturnType<typeof consumerTuning> = {};
  const set = (k: keyof typeof out, v: number | undefined): void => {
    if (v !== undefined) (out as Record<string, number>)[k] = v;
  };
  set('sessionTimeout', num(c['session.timeout.ms']));
  set('heartbeatInterval', num(c['heartbeat.interval.ms']));
  set('maxBytes', num(c['fetch.max.bytes']));
  set('minBytes', num(c['fetch.min.bytes']));
  set('maxBytesPerPartition', num(c['max.partition.fetch.bytes']));
  if (c['allow.auto.create.topics'] !== undefined) out.allowAutoTopicCreation = String(c['allow.auto.create.topics']) === 'true';
  if (c['isolation.level'] !== undefined) out.readUncommitted = c['isolation.level'] === 'read_uncommitted';
  return out;
}
