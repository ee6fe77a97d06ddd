/**
 * kill -9 recovery of a change stream -> $tumblingWindow -> $merge processor against a real
 * MongoDB-wire server (mongo-java-server with its oplog on). The instance is SIGKILLed at random
 * moments while inserts flow and restarted each time; it resumes after the checkpointed resume
 * token, and its windows must equal those of an instance that was never killed.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { MongoClient } from 'mongodb';
import * as P from '../../shared/protocol';
import { ensureServers } from '../infra/servers';
import { kill9, killAll, shutdown, type Daemon } from '../helpers/daemonProcess';
import { tempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { KILL_TEST_TIMEOUT_MS, killRepeatedly, PATIENCE_MS, seeded, spawnDaemon, testSeed, trace, writeConnections } from '../helpers/recovery';

const N = 3_000;
const CHUNK = 100;
const LAG = 500;
const T0 = Date.UTC(2024, 0, 1);

function pipeline(db: string, coll: string): unknown[] {
  return [
    { $source: { connectionName: 'cluster1', db, coll: 'input', timeField: { $toDate: '$fullDocument.t' } } },
    { $tumblingWindow: { interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: '$fullDocument.k', n: { $count: {} }, sum: { $sum: '$fullDocument.i' } } }] } },
    { $addFields: { _id: { k: '$_id', start: { $meta: 'stream.window.start' } } } },
    { $unset: ['_stream_meta'] },
    { $merge: { into: { connectionName: 'cluster1', db, coll } } },
  ];
}

/** Servers, a temp folder with the connections file, a database name and a client; all released after the test. */
async function fixture(t: TestContext, prefix: string): Promise<{ dir: string; conns: string; db: string; mongo: MongoClient }> {
  const servers = await ensureServers();
  const dir = tempDir(t, `asp-kill-${prefix}-`);
  const conns = writeConnections(dir, servers);
  const db = `r${prefix.replace(/-/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
  const mongo = new MongoClient(servers.mongoUri);
  await mongo.connect();
  t.after(async () => {
    await killAll();
    await mongo.db(db).dropDatabase().catch(() => undefined);
    await mongo.close();
  });
  await mongo.db(db).createCollection('input');
  return { dir, conns, db, mongo };
}

/** Input documents counted in the newest checkpoint (what a restart resumes after). */
async function checkpointedInput(d: Daemon): Promise<number> {
  const list = (await d.conn.sendRequest(P.listCheckpoints.method, { name: 'cs' })) as { checkpoints: P.CheckpointSummary[] };
  const id = list.checkpoints[0]?.id;
  if (id === undefined) return -1;
  const det = (await d.conn.sendRequest(P.getCheckpoint.method, { name: 'cs', checkpointId: id, sample: 0 })) as P.CheckpointDetail;
  return Number((det.stats as Record<string, number> | undefined)?.['inputMessageCount'] ?? 0);
}

test('kill -9 of a change stream -> window -> $merge instance: output equals a run that was never killed', { timeout: KILL_TEST_TIMEOUT_MS }, async (t) => {
  const seed = testSeed(777);
  const rand = seeded(seed);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);
  const { dir, conns, db, mongo } = await fixture(t, 'cs');
  trace('servers ready; starting instances');

  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  const ref = await spawnDaemon(`${dir}/ref`, env, conns);
  let killed = await spawnDaemon(`${dir}/killed`, env, conns);
  const liveStats = async (d: Daemon): Promise<{ inputMessageCount: number; changeStreamState?: unknown }> =>
    ((await d.conn.sendRequest(P.getStreamProcessorStats.method, { name: 'cs' })) as { stats: { inputMessageCount: number; changeStreamState?: unknown } }).stats;
  for (const [d, suffix] of [[ref, 'ref'], [killed, 'killed']] as const) {
    await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'cs', pipeline: pipeline(db, `win_${suffix}`) });
    await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'cs' });
    await waitFor(async () => (await liveStats(d)).changeStreamState !== undefined, 'the change stream to open', PATIENCE_MS, 20);
  }
  // "Open" means the stream's start position (the server's resume token from the opening
  // aggregate) is checkpointed. A write made right after it must reach both instances: before
  // the fix, "open" was reported before the server-side cursor existed and this insert was
  // sometimes never seen.
  await mongo.db(db).collection('input').insertOne({ i: -2, k: 'warm', t: T0 - 10_000 });
  for (const d of [ref, killed]) await waitFor(async () => (await checkpointedInput(d)) >= 1, 'the warm-up insert in a checkpoint', PATIENCE_MS, 20);
  trace('warm-up checkpointed');
  const liveInput = async (d: Daemon): Promise<number> => (await liveStats(d)).inputMessageCount - 1;
  let inserted = 0;
  const insert = (async () => {
    const input = mongo.db(db).collection('input');
    for (let from = 0; from < N; from += CHUNK) {
      await input.insertMany(Array.from({ length: CHUNK }, (_, j) => ({ i: from + j, k: (from + j) % 4, t: T0 + (from + j) * 10 })));
      inserted = from + CHUNK;
      trace(`inserted ${inserted}`);
      await waitFor(async () => (await liveInput(ref)) >= inserted - CHUNK, 'the reference to keep up', PATIENCE_MS, 20);
      await waitFor(async () => (await checkpointedInput(killed)) - 1 >= inserted - LAG, 'the killed instance to keep up', PATIENCE_MS, 20);
    }
    await input.insertOne({ i: -1, k: 'end', t: T0 + N * 10 + 60_000 });
  })();

  // N changes, the warm-up and the closing insert.
  const done = async (d: Daemon): Promise<boolean> => (await checkpointedInput(d)) >= N + 2;
  const loop = await killRepeatedly(async () => (killed = await spawnDaemon(`${dir}/killed`, env, conns)), killed, {
    kills: 4,
    rand,
    progress: checkpointedInput,
    done,
    maxDelayMs: 250,
  });
  await insert;
  t.diagnostic(`kills: ${loop.kills}`);
  for (const d of [ref, killed]) await waitFor(() => done(d), 'all changes checkpointed', PATIENCE_MS, 50);
  const read = async (coll: string): Promise<unknown[]> => mongo.db(db).collection(coll).find({}).sort({ _id: 1 }).toArray();
  const windows = (N / 100) * 4 + 1;
  await waitFor(async () => (await read('win_ref')).length === windows, 'reference windows merged', PATIENCE_MS, 50);
  for (const d of [ref, killed]) {
    await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'cs' });
    await shutdown(d);
  }
  assert.ok(loop.kills >= 2, `at least two kills while changes flowed (got ${loop.kills})`);
  const winRef = await read('win_ref');
  assert.equal(winRef.length, windows);
  assert.deepEqual(await read('win_killed'), winRef);
});

test('kill -9 right after the change stream opened, then stop and start: no write made while it was down is lost', { timeout: KILL_TEST_TIMEOUT_MS }, async (t) => {
  const { dir, conns, db, mongo } = await fixture(t, 'cs-open');
  const input = mongo.db(db).collection<{ _id: number; i: number }>('input');
  const out = mongo.db(db).collection<{ _id: number }>('out');
  // No periodic checkpoints: the start checkpoint (no event seen yet) is all a restart has.
  const env = { ASP_CHECKPOINT_INTERVAL_MS: '3600000' };
  let d = await spawnDaemon(`${dir}/state`, env, conns);
  const pipeline = [
    { $source: { connectionName: 'cluster1', db, coll: 'input' } },
    { $project: { _id: '$fullDocument._id', i: '$fullDocument.i' } },
    { $merge: { into: { connectionName: 'cluster1', db, coll: 'out' } } },
  ];
  await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'cs', pipeline });
  await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'cs' });
  const open = async (): Promise<boolean> =>
    ((await d.conn.sendRequest(P.getStreamProcessorStats.method, { name: 'cs' })) as { stats: { changeStreamState?: unknown } }).stats.changeStreamState !== undefined;
  await waitFor(open, 'the change stream to open', PATIENCE_MS, 20);
  await kill9(d);
  await input.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, i })));
  d = await spawnDaemon(`${dir}/state`, env, conns);
  await waitFor(async () => (await out.countDocuments()) === 50, 'the 50 writes made while the instance was dead', PATIENCE_MS, 50);
  await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'cs' });
  await input.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: 50 + i, i: 50 + i })));
  await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'cs' });
  await waitFor(async () => (await out.countDocuments()) === 60, 'the 10 writes made while the processor was stopped', PATIENCE_MS, 50);
  await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'cs' });
  await shutdown(d);
  const ids = (await out.find({}).sort({ _id: 1 }).toArray()).map((x) => x._id);
  assert.deepEqual(ids, Array.from({ length: 60 }, (_, i) => i));
});
