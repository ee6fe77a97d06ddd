import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../engine/connections/types';
import { envNameFor, mergeSecrets, splitSecrets } from '../../client/connectionSecrets';

const CASES: [string, Connection, Connection, Record<string, string>][] = [
  [
    'Kafka password',
    { name: 'kafka-prod', type: 'Kafka', bootstrapServers: 'b:9092', authentication: { mechanism: 'PLAIN', username: 'u', password: 'p4ss' } },
    { name: 'kafka-prod', type: 'Kafka', bootstrapServers: 'b:9092', authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:ASP_KAFKA_PROD_PASSWORD}' } },
    { 'authentication.password': 'p4ss' },
  ],
  ['Kafka without auth', { name: 'k', type: 'Kafka', bootstrapServers: 'b:9092' }, { name: 'k', type: 'Kafka', bootstrapServers: 'b:9092' }, {}],
  [
    'Cluster uri with a password',
    { name: 'c', type: 'Cluster', uri: 'mongodb://me:secret@h:27017/' },
    { name: 'c', type: 'Cluster', uri: '${env:ASP_C_URI}' },
    { uri: 'mongodb://me:secret@h:27017/' },
  ],
  ['Cluster uri without credentials stays', { name: 'c', type: 'Cluster', uri: 'mongodb://h:27017' }, { name: 'c', type: 'Cluster', uri: 'mongodb://h:27017' }, {}],
  [
    'Https Authorization header',
    { name: 'api', type: 'Https', url: 'https://x', headers: { Authorization: 'Bearer t', 'X-A': '1' } },
    { name: 'api', type: 'Https', url: 'https://x', headers: { Authorization: '${env:ASP_API_AUTHORIZATION}', 'X-A': '1' } },
    { 'headers.Authorization': 'Bearer t' },
  ],
  ['an existing env reference is not a secret', { name: 'c', type: 'Cluster', uri: '${env:MONGO_URI}' }, { name: 'c', type: 'Cluster', uri: '${env:MONGO_URI}' }, {}],
];

for (const [what, entry, file, secrets] of CASES) {
  test(`splitSecrets: ${what}`, () => {
    const r = splitSecrets(entry);
    assert.deepEqual(r.file, file);
    assert.deepEqual(r.secrets, secrets);
    assert.deepEqual(mergeSecrets(r.file, r.secrets), entry, 'merge restores the entry');
  });
}

test('splitSecrets does not touch its input', () => {
  const entry: Connection = { name: 'k', type: 'Kafka', bootstrapServers: 'b', authentication: { password: 'x' } };
  splitSecrets(entry);
  assert.equal(entry.authentication?.password, 'x');
});

test('mergeSecrets leaves literal values and missing secrets alone', () => {
  const c: Connection = { name: 'c', type: 'Cluster', uri: '${env:ASP_C_URI}' };
  assert.deepEqual(mergeSecrets(c, {}), c);
  assert.deepEqual(mergeSecrets({ name: 'c', type: 'Cluster', uri: 'mongodb://h' }, { uri: 'other' }), { name: 'c', type: 'Cluster', uri: 'mongodb://h' });
});

test('envNameFor is upper snake case', () => {
  assert.equal(envNameFor('my.kafka-1', 'authentication.password'), 'ASP_MY_KAFKA_1_PASSWORD');
});
