/**
 * The Kafka connection type (I/O-free half): the Admin API `StreamsKafkaConnection` shape
 * (bootstrapServers, security, authentication, config, networking), with the one list of SASL
 * mechanisms: every one Atlas accepts, the ones the local engine runs marked. Test connection
 * is in runtime.ts; the source and sink are source.ts and sink.ts, bound in createServices.
 */
import type { KafkaConnection, LocalSaslMechanism, SaslMechanism } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import type { FieldSpec } from '../../parse/fieldSpec';
import { NETWORKING } from '../catalog/fields';

/** Every mechanism Atlas accepts, in the order the docs list them. */
export const SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'SCRAM-256', 'SCRAM-512', 'OAUTHBEARER', 'AWS_MSK_IAM'];
/** The ones the local engine (kafkajs) connects with; engine/connectors/kafka/config.ts maps each. */
export const LOCAL_SASL_MECHANISMS: readonly LocalSaslMechanism[] = ['PLAIN', 'SCRAM-256', 'SCRAM-512'];

/** Allow-listed client settings (asp-spec §2.1, §9); Atlas ignores the others, and so do we. */
const CONFIG_KEYS: readonly [string, string][] = [
  ['acks', 'producer: acknowledgements required (all, 0, 1)'],
  ['batch.size', 'producer: batch size in bytes'],
  ['client.dns.lookup', 'how broker host names resolve'],
  ['client.id', 'the client id the brokers see'],
  ['compression.type', 'producer: none, gzip, snappy, lz4 or zstd'],
  ['connections.max.idle.ms', 'close idle connections after this long'],
  ['delivery.timeout.ms', 'producer: give up on a send after this long'],
  ['enable.idempotence', 'producer: idempotent sends'],
  ['linger.ms', 'producer: wait this long to fill a batch'],
  ['max.in.flight.requests.per.connection', 'producer: unacknowledged requests per connection'],
  ['message.max.bytes', 'largest record the client sends'],
  ['queue.buffering.max.messages', 'producer: messages queued at most'],
  ['request.timeout.ms', 'how long a request may take'],
  ['retries', 'producer: retries of a failed send'],
  ['transactional.id', 'producer: transactional id'],
  ['allow.auto.create.topics', 'consumer: let the broker create a subscribed topic'],
  ['auto.offset.reset', 'consumer: where to start without a committed offset'],
  ['fetch.max.bytes', 'consumer: most bytes per fetch'],
  ['fetch.min.bytes', 'consumer: least bytes per fetch'],
  ['group.id', 'consumer: the consumer group'],
  ['heartbeat.interval.ms', 'consumer: heartbeat interval'],
  ['isolation.level', 'consumer: read_committed or read_uncommitted'],
  ['max.partition.fetch.bytes', 'consumer: most bytes per partition per fetch'],
  ['max.poll.interval.ms', 'consumer: longest time between polls'],
  ['session.timeout.ms', 'consumer: group session timeout'],
];

const FIELDS: readonly FieldSpec[] = [
  { name: 'bootstrapServers', role: 'literal', type: 'string', required: true, description: 'The brokers: a comma-separated host:port list (may be ${env:NAME}).' },
  {
    name: 'security',
    role: 'options',
    type: 'object',
    description: 'The transport: plain, TLS, SASL over plain TCP or SASL over TLS.',
    fields: [
      { name: 'protocol', role: 'literal', type: 'string', enum: ['PLAINTEXT', 'SASL_PLAINTEXT', 'SASL_SSL', 'SSL'], description: 'Security protocol; SASL_PLAINTEXT when authentication is given without one.' },
      { name: 'brokerPublicCertificate', role: 'literal', type: 'string', description: 'The CA certificate (PEM) the brokers are checked against, or a ${env:NAME} holding it.' },
    ],
  },
  {
    name: 'authentication',
    role: 'options',
    type: 'object',
    description: 'How the client authenticates: SASL user and password, OAuth (OIDC) or AWS MSK IAM; client certificates for mTLS.',
    fields: [
      { name: 'mechanism', role: 'literal', type: 'string', enum: SASL_MECHANISMS, localEnum: LOCAL_SASL_MECHANISMS, default: 'PLAIN', description: 'SASL mechanism. The local engine runs PLAIN, SCRAM-256 and SCRAM-512; OAUTHBEARER and AWS_MSK_IAM run on Atlas only.' },
      { name: 'username', role: 'literal', type: 'string', description: 'SASL user name.' },
      { name: 'password', role: 'literal', type: 'string', secret: true, description: 'SASL password: a ${env:NAME} reference, never the secret itself.' },
      { name: 'method', role: 'literal', type: 'string', enum: ['OIDC'], description: 'OAUTHBEARER: the token method (OIDC).' },
      { name: 'tokenEndpointUrl', role: 'literal', type: 'string', description: 'OAUTHBEARER: the identity provider\'s token endpoint.' },
      { name: 'clientId', role: 'literal', type: 'string', description: 'OAUTHBEARER: the OAuth client id.' },
      { name: 'clientSecret', role: 'literal', type: 'string', secret: true, description: 'OAUTHBEARER: the OAuth client secret, as ${env:NAME}.' },
      { name: 'scope', role: 'literal', type: 'string', description: 'OAUTHBEARER: the token scope.' },
      { name: 'saslOauthbearerExtensions', role: 'literal', type: 'string', description: 'OAUTHBEARER: SASL extensions (key=value, comma separated).' },
      { name: 'sslCertificate', role: 'literal', type: 'string', description: 'mTLS: the client certificate (PEM), or a ${env:NAME} holding it.' },
      { name: 'sslKey', role: 'literal', type: 'string', secret: true, description: 'mTLS: the client private key (PEM), as ${env:NAME}.' },
      { name: 'sslKeyPassword', role: 'literal', type: 'string', secret: true, description: 'mTLS: the private key\'s password, as ${env:NAME}.' },
      {
        name: 'aws',
        role: 'options',
        type: 'object',
        description: 'AWS_MSK_IAM: the IAM role Atlas assumes.',
        fields: [{ name: 'roleArn', role: 'literal', type: 'string', description: 'ARN of the IAM role.' }],
      },
    ],
  },
  {
    name: 'config',
    role: 'options',
    type: 'object',
    openKeys: true,
    description: 'Kafka client settings, flat keys with dots; allow-listed ones apply, others are ignored (as in Atlas).',
    fields: CONFIG_KEYS.map(([name, description]) => ({ name, role: 'literal' as const, type: ['string', 'number', 'bool'] as const, description })),
  },
  NETWORKING,
];

export const kafkaKind: ConnectionKind<KafkaConnection> = {
  type: 'Kafka',
  summary: 'An Apache Kafka cluster (Confluent, MSK, Event Hubs, Redpanda, ...).',
  usedFor: 'source ($source) or sink ($emit)',
  icon: 'symbol-event',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/kafka-connection/',
  fields: FIELDS,
  template: { bootstrapServers: '127.0.0.1:9092' },
  form: ['bootstrapServers', 'authentication.mechanism', 'authentication.username', 'authentication.password', 'security.protocol'],
  check(c, report) {
    const a = c['authentication'] as Record<string, unknown> | undefined;
    // Atlas never returns the password, so an entry copied from Atlas lacks it: say what to add.
    if (a && typeof a['username'] === 'string' && a['password'] === undefined && (a['mechanism'] === undefined || (LOCAL_SASL_MECHANISMS as readonly unknown[]).includes(a['mechanism']))) {
      report('authentication has a username but no "password" (Atlas never returns it): add "password": "${env:NAME}"', ['authentication'], 'warning');
    }
  },
  unreachable(c) {
    const m = c.authentication?.mechanism;
    if (m !== undefined && !(LOCAL_SASL_MECHANISMS as readonly string[]).includes(m)) {
      return `authentication mechanism ${m} runs on Atlas only; the local engine connects with ${LOCAL_SASL_MECHANISMS.join(', ')}`;
    }
    return undefined;
  },
  describe(c) {
    const lines = typeof c.bootstrapServers === 'string' ? [`Brokers: \`${c.bootstrapServers}\``] : [];
    if (c.security?.protocol) lines.push(`Security: ${c.security.protocol}`);
    if (c.authentication?.mechanism) lines.push(`SASL: ${c.authentication.mechanism}`);
    return lines;
  },
  statsLabels: { source: 'KafkaConsumerOperator' },
  load: () => import('./runtime'),
};
