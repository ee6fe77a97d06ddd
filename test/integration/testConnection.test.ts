/** asp/testConnection against the real Kafka broker and MongoDB server, saved or not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as P from '../../shared/protocol';
import { ensureServers } from '../infra/servers';
import { startInstance } from '../helpers/instance';

test('asp/testConnection: the real Kafka broker and MongoDB server answer ok, saved or not', async (t) => {
  const servers = await ensureServers();
  const { rpc } = await startInstance(t, [
    { name: 'kafka1', type: 'Kafka', bootstrapServers: servers.kafkaBrokers },
    { name: 'cluster1', type: 'Cluster', uri: servers.mongoUri },
  ]);
  const kafka = (await rpc.sendRequest(P.testConnection.method, { name: 'kafka1', timeoutMs: 10_000 })) as P.TestConnectionReply;
  assert.equal(kafka.ok, true, kafka.message);
  assert.match(kafka.message, /^connected to Kafka, \d+ topics?$/);
  const mongo = (await rpc.sendRequest(P.testConnection.method, { name: 'cluster1', timeoutMs: 10_000 })) as P.TestConnectionReply;
  assert.equal(mongo.ok, true, mongo.message);
  assert.match(mongo.message, /ping ok/);
  const unsaved = (await rpc.sendRequest(P.testConnection.method, { connection: { name: 'draft', type: 'Kafka', bootstrapServers: servers.kafkaBrokers }, timeoutMs: 10_000 })) as P.TestConnectionReply;
  assert.equal(unsaved.ok, true, unsaved.message);
});
