/** Kafka connections as kafkajs configs: SASL, SSL, ${env:NAME} secrets, allow-listed keys. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consumerTuning, kafkaClientConfig } from '../../../engine/connectors/kafka/config';
import type { KafkaConnection } from '../../../engine/connections/types';
import { createServices } from '../../../engine/connectors/services';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';

const base: KafkaConnection = { name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:1, 127.0.0.1:2' };

describe('kafkaClientConfig', () => {
  it('plaintext', () => {
    const c = kafkaClientConfig(base, {});
    assert.deepEqual(c.brokers, ['127.0.0.1:1', '127.0.0.1:2']);
    assert.equal(c.ssl, undefined);
    assert.equal(c.sasl, undefined);
  });
  it('SASL_SSL with SCRAM-512 and secrets from the environment', () => {
    const c = kafkaClientConfig({ ...base, security: { protocol: 'SASL_SSL', brokerPublicCertificate: '${env:CA}' }, authentication: { mechanism: 'SCRAM-512', username: 'u', password: '${env:PW}' } }, { CA: 'PEM', PW: 'secret' });
    assert.deepEqual(c.ssl, { ca: ['PEM'] });
    assert.deepEqual(c.sasl, { mechanism: 'scram-sha-512', username: 'u', password: 'secret' });
  });
  it('PLAIN over SASL_PLAINTEXT, SCRAM-256, SSL without a CA', () => {
    assert.equal((kafkaClientConfig({ ...base, authentication: { mechanism: 'PLAIN', username: 'u', password: 'p' } }, {}).sasl as { mechanism: string }).mechanism, 'plain');
    assert.equal((kafkaClientConfig({ ...base, security: { protocol: 'SASL_PLAINTEXT' }, authentication: { mechanism: 'SCRAM-256' } }, {}).sasl as { mechanism: string }).mechanism, 'scram-sha-256');
    assert.equal(kafkaClientConfig({ ...base, security: { protocol: 'SSL' } }, {}).ssl, true);
  });
  it('a missing environment variable is a clear user error', () => {
    assert.throws(() => kafkaClientConfig({ ...base, authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:NOPE}' } }, {}), /Kafka connection 'k': environment variable NOPE is not set/);
  });
  it('maps allow-listed consumer keys and ignores others', () => {
    assert.deepEqual(consumerTuning({ ...base, config: { 'session.timeout.ms': '30000', 'fetch.min.bytes': 1, 'isolation.level': 'read_committed', 'some.other': 'x' } }), { sessionTimeout: 30000, minBytes: 1, readUncommitted: false });
    assert.equal(kafkaClientConfig({ ...base, config: { 'client.id': 'me', 'request.timeout.ms': 1000 } }, {}).clientId, 'me');
  });
});

describe('services connection errors', () => {
  const s = createServices(builtinRegistry([base]), { stateDir: '/nonexistent-unused' });
  it('unknown connection', () => assert.throws(() => s.collection('nope', 'db', 'c'), /connection named nope does not exist\. Check sp\.listConnections\(\) for available connections\./));
  it('wrong connection type', () => {
    assert.throws(() => s.collection('k', 'db', 'c'), /connection k is a Kafka connection, not a Cluster connection/);
    assert.throws(() => s.kafka('sample_stream_solar'), /is a Sample connection, not a Kafka connection/);
  });
});
