/**
 * The stats reply over the MongoDB wire front door with real sources, read by the Node driver:
 * a Kafka processor's `kafkaPartitions[].partitionOffsetLag` and `kafkaTotalOffsetLag`, a Kafka
 * `$emit`'s `targetStats`, and a
 * change-stream processor's `changeStreamState` with `changeStreamTimeDifferenceSecs`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { Instance } from '../../engine/daemon/instance';
import { WireServer } from '../../engine/wire/server';
import { resolveWireOptions } from '../../engine/wire/options';
import { waitFor } from '../helpers/waitFor';
import { createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';

/** A consumer group join and a change stream's first getMore can take long on a loaded machine. */
const PATIENCE_MS = 180_000;

describe('stats over the wire front door (real Kafka and MongoDB-wire servers)', () => {
  let env: IntegrationEnv;
  let dir: string;
  let inst: Instance;
  let server: WireServer;
  let client: MongoClient;
  before(async () => {
    env = await setup();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-wirestats-'));
    const conns = path.join(dir, 'asp.connections.json');
    fs.writeFileSync(conns, JSON.stringify({ connections: [{ name: 'kafka1', type: 'Kafka', bootstrapServers: env.servers.kafkaBrokers }, { name: 'cluster1', type: 'Cluster', uri: env.servers.mongoUri }] }));
    inst = new Instance({ stateDir: path.join(dir, 'state'), connectionsFile: conns, checkpointIntervalMs: 0 });
    await inst.open();
    server = await WireServer.start({ methods: inst.methods, wire: resolveWireOptions({ host: '127.0.0.1', port: 0 }), log: () => undefined });
    client = new MongoClient(`mongodb://127.0.0.1:${server.address().port}/?serverSelectionTimeoutMS=30000`);
    await client.connect();
  });
  after(async () => {
    await client?.close();
    await server?.close();
    await inst?.shutdown();
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a Kafka processor reports its lag per partition and in total', async () => {
    const admin = client.db('admin');
    const topic = uniqueName('wirelag');
    await createTopic(env.admin, topic, 2);
    const p = env.kafka.producer();
    await p.connect();
    await p.send({ topic, messages: [0, 0, 1].map((partition, i) => ({ partition, value: JSON.stringify({ i }) })) });
    await p.disconnect();
    const pipeline = [{ $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' } } }, { $merge: { into: { connectionName: 'local', db: 'wirestats', coll: topic } } }];
    assert.equal((await admin.command({ createStreamProcessor: 'k', pipeline }))['ok'], 1);
    await admin.command({ startStreamProcessor: 'k' });
    const s = await waitFor(async () => {
      const r = await admin.command({ getStreamProcessorStats: 'k', options: { verbose: true } });
      return r['stats']['kafkaTotalOffsetLag'] === 0 && r['stats'].inputMessageCount === 3 ? r : undefined;
    }, 'all three messages read and the lag refreshed', PATIENCE_MS);
    const parts = s['stats']['kafkaPartitions'] as Document[];
    assert.deepEqual(parts.map((x) => [x['topic'], x['partition'], x['currentOffset'], x['partitionOffsetLag']]), [[topic, 0, 2, 0], [topic, 1, 1, 0]]);
    assert.equal(typeof s['stats']['kafkaConsumerGroup'], 'string');
    await admin.command({ dropStreamProcessor: 'k' });
  });

  it('a Kafka $emit reports targetStats per topic, matching what the broker holds', async () => {
    const admin = client.db('admin');
    const topic = uniqueName('wiretarget');
    await createTopic(env.admin, topic, 1);
    const pipeline = [{ $source: { connectionName: 'sample_stream_solar' } }, { $emit: { connectionName: 'kafka1', topic } }];
    assert.equal((await admin.command({ createStreamProcessor: 'e', pipeline }))['ok'], 1);
    await admin.command({ startStreamProcessor: 'e' });
    const target = await waitFor(async () => {
      const r = await admin.command({ getStreamProcessorStats: 'e', options: { verbose: true } });
      const ops = r['stats'].operatorStats as Document[];
      const sink = ops[ops.length - 1]!;
      return sink['name'] === 'KafkaEmitOperator' && sink['targetStats']?.[0]?.outputMessageCount >= 3 ? (sink['targetStats'] as Document[]) : undefined;
    }, 'messages sent to the topic', PATIENCE_MS);
    assert.deepEqual(Object.keys(target[0]!), ['topic', 'inputMessageCount', 'outputMessageCount']);
    assert.equal(target[0]!['topic'], topic);
    // Counted once the broker acknowledged them: the topic holds at least as many.
    const offsets = await env.admin.fetchTopicOffsets(topic);
    assert.ok(Number(offsets[0]!.high) >= target[0]!['outputMessageCount'], `${offsets[0]!.high} >= ${target[0]!['outputMessageCount']}`);
    await admin.command({ dropStreamProcessor: 'e' });
  });

  it('a change-stream processor reports changeStreamTimeDifferenceSecs with its resume token', async () => {
    const admin = client.db('admin');
    const db = uniqueName('wirecs');
    await env.mongo.db(db).createCollection('in');
    const pipeline = [{ $source: { connectionName: 'cluster1', db, coll: 'in' } }, { $merge: { into: { connectionName: 'local', db: 'wirestats', coll: db } } }];
    assert.equal((await admin.command({ createStreamProcessor: 'cs', pipeline }))['ok'], 1);
    await admin.command({ startStreamProcessor: 'cs' });
    const stats = async (): Promise<Document> => (await admin.command({ getStreamProcessorStats: 'cs' }))['stats'] as Document;
    // The stream starts where it opened: write only once it holds its position.
    const open = await waitFor(async () => ((await stats())['changeStreamState'] ? stats() : undefined), 'the change stream open', PATIENCE_MS);
    assert.equal(typeof open['changeStreamState'], 'object');
    await env.mongo.db(db).collection('in').insertOne({ x: 1 });
    await waitFor(async () => (await stats()).inputMessageCount === 1, 'the insert read', PATIENCE_MS);
    const s = await waitFor(async () => ((await stats())['changeStreamTimeDifferenceSecs'] === 0 ? stats() : undefined), 'the stream caught up with the oplog head', PATIENCE_MS);
    assert.equal(s.inputMessageCount, 1);
    await admin.command({ dropStreamProcessor: 'cs' });
    await env.mongo.db(db).dropDatabase();
  });
});
