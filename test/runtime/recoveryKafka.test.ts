/**
 * kill -9 recovery against a real Kafka broker and a real MongoDB-wire server. Two processors
 * run in one instance process that is SIGKILLed at random moments while input flows and restarted
 * each time; a second instance runs the same processors untouched as the reference:
 *  - Kafka (1 partition) -> $tumblingWindow -> $merge on (key, window start): windows must be
 *    exactly the reference's, so no document was lost or counted twice in window state;
 *  - Kafka (3 partitions) -> $project -> $merge on the message number: every partition resumes
 *    from its own checkpointed offset.
 * The windowed topic has one partition on purpose: with several, which partition's backlog a
 * restarted consumer fetches first decides which documents are late, in Atlas too.
 * A second test kills a windowed processor whose checkpoint does not know its partitions yet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import * as P from '../../shared/protocol';
import { ensureServers } from '../infra/servers';
import { kill9, killAll, shutdown, type Daemon } from '../helpers/daemonProcess';
import { tempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { kafkaOffsetSum, KILL_TEST_TIMEOUT_MS, killRepeatedly, newestPositions, PATIENCE_MS, seeded, spawnDaemon, testSeed, trace, writeConnections } from '../helpers/recovery';

const N = 8_000;
const CHUNK = 200;
/** How far the killed instance's checkpoints may trail the producer. */
const LAG = 1_000;
const T0 = Date.UTC(2024, 0, 1);

function windowed(topic: string, db: string, coll: string): unknown[] {
  return [
    { $source: { connectionName: 'kafka1', topic, timeField: { $toDate: '$t' }, config: { auto_offset_reset: 'earliest' } } },
    { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: '$k', n: { $count: {} }, sum: { $sum: '$i' }, max: { $max: '$i' } } }] } },
    { $addFields: { _id: { k: '$_id', start: { $meta: 'stream.window.start' } } } },
    { $unset: ['_stream_meta'] },
    { $merge: { into: { connectionName: 'cluster1', db, coll } } },
  ];
}

function stateless(topic: string, db: string, coll: string): unknown[] {
  return [
    { $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' } } },
    { $project: { _id: '$i', k: 1, sq: { $multiply: ['$i', '$i'] }, partition: { $meta: 'stream.source.partition' } } },
    { $merge: { into: { connectionName: 'cluster1', db, coll } } },
  ];
}

test('kill -9 of a Kafka -> window -> $merge instance: output equals a run that was never killed', { timeout: KILL_TEST_TIMEOUT_MS }, async (t) => {
  const seed = testSeed(9001);
  const rand = seeded(seed);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);
  trace('test start');
  const servers = await ensureServers();
  const dir = tempDir(t, 'asp-kill-kafka-');
  const conns = writeConnections(dir, servers);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const [winTopic, flatTopic, db] = [`rk-win-${tag}`, `rk-flat-${tag}`, `rk_${tag.replace(/-/g, '_')}`];
  const { kafka, mongo, producer } = await fixture(t, servers, [{ topic: winTopic, numPartitions: 1 }, { topic: flatTopic, numPartitions: 3 }], db);

  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  const startRef = (): Promise<Daemon> => spawnDaemon(`${dir}/ref`, env, conns);
  const startKilled = (): Promise<Daemon> => spawnDaemon(`${dir}/killed`, env, conns);
  trace('servers ready, topics created; starting instances');
  const ref = await startRef();
  let killed = await startKilled();
  for (const [d, suffix] of [[ref, 'ref'], [killed, 'killed']] as const) {
    await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'win', pipeline: windowed(winTopic, db, `win_${suffix}`) });
    await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'flat', pipeline: stateless(flatTopic, db, `flat_${suffix}`) });
    await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'win' });
    await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'flat' });
  }

  trace('processors started');
  const inputCount = async (d: Daemon, name: string): Promise<number> => {
    const s = (await d.conn.sendRequest(P.getStreamProcessorStats.method, { name })) as { stats: { inputMessageCount: number } };
    return s.stats.inputMessageCount;
  };
  // The producer keeps input flowing, chunk by chunk, paced by what the reference has read.
  let produced = 0;
  const produce = (async () => {
    for (let from = 0; from < N; from += CHUNK) {
      const msgs = Array.from({ length: CHUNK }, (_, j) => {
        const i = from + j;
        return { value: JSON.stringify({ i, k: i % 5, t: T0 + i * 10 }) };
      });
      await producer.send({ topic: winTopic, messages: msgs });
      await producer.send({ topic: flatTopic, messages: msgs.map((m, j) => ({ ...m, partition: (from + j) % 3 })) });
      produced = from + CHUNK;
      trace(`produced ${produced}`);
      // Input stalls while the killed instance is down, so every kill lands while input flows.
      await waitFor(async () => (await inputCount(ref, 'win')) >= produced - CHUNK, 'the reference to keep up', PATIENCE_MS, 20);
      await waitFor(async () => kafkaOffsetSum(await newestPositions(killed, 'win')) >= produced - LAG, 'the killed instance to keep up', PATIENCE_MS, 20);
    }
    // One late-in-time message closes every data window (its own window stays open in both runs).
    await producer.send({ topic: winTopic, messages: [{ value: JSON.stringify({ i: -1, k: 'end', t: T0 + N * 10 + 60_000 }) }] });
  })();

  const progress = async (d: Daemon): Promise<number> => kafkaOffsetSum(await newestPositions(d, 'win')) + kafkaOffsetSum(await newestPositions(d, 'flat'));
  const done = async (d: Daemon): Promise<boolean> => (await progress(d)) >= 2 * N + 1;
  const loop = await killRepeatedly(
    async () => (killed = await startKilled()),
    killed,
    { kills: 5, rand, progress, done, maxDelayMs: 250 },
  );
  await produce;
  t.diagnostic(`kills: ${loop.kills}, produced while killing: ${produced}`);

  const status = async (d: Daemon): Promise<string> => JSON.stringify(await Promise.all(['win', 'flat'].map((name) => d.conn.sendRequest(P.getStreamProcessorStats.method, { name }).catch((e: unknown) => String(e)))));
  for (const d of [ref, killed]) {
    await waitFor(() => done(d), 'all input checkpointed', PATIENCE_MS, 50).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; stats: ${await status(d)}; stderr: ${d.stderr().slice(-2000)}`);
    });
  }
  const read = async (coll: string): Promise<unknown[]> => mongo.db(db).collection(coll).find({}).sort({ _id: 1 }).toArray();
  await waitFor(async () => (await read('win_ref')).length === (N / 100) * 5, 'reference windows merged', PATIENCE_MS, 50);
  const flatGroup = ((await killed.conn.sendRequest(P.getStreamProcessorStats.method, { name: 'flat' })) as { stats: { kafkaConsumerGroup: string } }).stats.kafkaConsumerGroup;
  for (const d of [ref, killed]) {
    await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'win' });
    await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'flat' });
  }
  // The group's offsets are committed from checkpoints only: after the stop checkpoint they are its positions.
  const stopPositions = (await newestPositions(killed, 'flat'))?.['source'] as { partitions: { tp: string; offset: number }[] };
  const groupAdmin = kafka.admin();
  await groupAdmin.connect();
  const committed = await groupAdmin.fetchOffsets({ groupId: flatGroup, topics: [flatTopic] });
  await groupAdmin.disconnect();
  const byTp = (list: { tp: string; offset: number }[]): Record<string, number> => Object.fromEntries(list.map((p) => [p.tp, p.offset]));
  assert.deepEqual(
    byTp(committed[0]!.partitions.map((p) => ({ tp: `${flatTopic}:${p.partition}`, offset: Number(p.offset) }))),
    byTp(stopPositions.partitions),
  );
  for (const d of [ref, killed]) await shutdown(d);

  assert.ok(loop.kills >= 3, `at least three kills while input flowed (got ${loop.kills})`);
  const winRef = await read('win_ref');
  assert.equal(winRef.length, (N / 100) * 5);
  assert.deepEqual(await read('win_killed'), winRef);
  const flatRef = await read('flat_ref');
  assert.equal(flatRef.length, N);
  assert.deepEqual(await read('flat_killed'), flatRef);
});

test('kill -9 before any checkpoint holds a partition: its records are replayed into the window, not skipped', { timeout: KILL_TEST_TIMEOUT_MS }, async (t) => {
  const servers = await ensureServers();
  const dir = tempDir(t, 'asp-kill-kafka-new-');
  const conns = writeConnections(dir, servers);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const [topic, db] = [`rk-new-${tag}`, `rkn_${tag.replace(/-/g, '_')}`];
  const { mongo, producer } = await fixture(t, servers, [{ topic, numPartitions: 2 }], db);
  // Only the start checkpoint (taken before any record arrived) exists when the instance dies.
  const env = { ASP_CHECKPOINT_INTERVAL_MS: '3600000' };
  let d = await spawnDaemon(`${dir}/state`, env, conns);
  await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'win', pipeline: windowed(topic, db, 'win') });
  await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'win' });
  await waitFor(async () => (await newestPositions(d, 'win')) !== undefined, 'the start checkpoint', PATIENCE_MS, 20);
  const send = (i: number, partition: number, t: number): Promise<unknown> => producer.send({ topic, messages: [{ partition, value: JSON.stringify({ i, k: 'a', t }) }] });
  for (let i = 0; i < 20; i++) await send(i, i % 2, T0 + i * 10);
  const stats = async (): Promise<{ inputMessageCount: number }> =>
    ((await d.conn.sendRequest(P.getStreamProcessorStats.method, { name: 'win' })) as { stats: { inputMessageCount: number } }).stats;
  await waitFor(async () => (await stats()).inputMessageCount >= 20, 'the records to reach the window', PATIENCE_MS, 20);
  assert.equal(kafkaOffsetSum(await newestPositions(d, 'win')), 0, 'no checkpoint holds the records');
  await kill9(d);
  d = await spawnDaemon(`${dir}/state`, env, conns);
  // Both partitions replayed before the closing records, so none of the 20 can be late.
  await waitFor(async () => (await stats()).inputMessageCount >= 20, 'the records to be replayed', PATIENCE_MS, 20);
  // Close the window on both partitions (the watermark is their minimum).
  for (const partition of [0, 1]) await send(-1, partition, T0 + 60_000);
  const win = mongo.db(db).collection('win');
  const doc = await waitFor(async () => win.findOne({ '_id.start': new Date(T0) }), 'the first window merged', PATIENCE_MS, 50);
  assert.deepEqual({ n: doc['n'], sum: doc['sum'], max: doc['max'] }, { n: 20, sum: 190, max: 19 });
  await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'win' });
  await shutdown(d);
});

/** Topics created, a MongoDB client and a connected producer; all released (and daemons killed) after the test. */
async function fixture(
  t: { after(fn: () => Promise<void>): void },
  servers: { kafkaBrokers: string; mongoUri: string },
  topics: { topic: string; numPartitions: number }[],
  db: string,
): Promise<{ kafka: Kafka; mongo: MongoClient; producer: Producer }> {
  const kafka = new Kafka({ clientId: 'asp-recovery', brokers: [servers.kafkaBrokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics, waitForLeaders: true });
  await admin.disconnect();
  const mongo = new MongoClient(servers.mongoUri);
  await mongo.connect();
  const producer = kafka.producer();
  await producer.connect();
  t.after(async () => {
    await killAll();
    await producer.disconnect().catch(() => undefined);
    await mongo.db(db).dropDatabase().catch(() => undefined);
    await mongo.close();
  });
  return { kafka, mongo, producer };
}
