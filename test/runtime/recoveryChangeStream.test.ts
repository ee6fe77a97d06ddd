/**
 * kill -9 recovery of a change stream -> $tumblingWindow -> $merge processor against a real
 * MongoDB-wire server (mongo-java-server with its oplog on). The instance is SIGKILLed at random
 * moments while inserts flow and restarted each time; it resumes after the checkpointed resume
 * token, and its windows must equal those of an instance that was never killed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoClient } from 'mongodb';
import * as P from '../../shared/protocol';
import { ensureServers } from '../infra/servers';
import { killAll, shutdown, type Daemon } from '../helpers/daemonProcess';
import { tempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { killRepeatedly, newestPositions, seeded, spawnDaemon, testSeed, trace, writeConnections } from '../helpers/recovery';

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

/** Input documents counted in the newest checkpoint (what a restart resumes after). */
async function checkpointedInput(d: Daemon): Promise<number> {
  const list = (await d.conn.sendRequest(P.listCheckpoints.method, { name: 'cs' })) as { checkpoints: P.CheckpointSummary[] };
  const id = list.checkpoints[0]?.id;
  if (id === undefined) return -1;
  const det = (await d.conn.sendRequest(P.getCheckpoint.method, { name: 'cs', checkpointId: id, sample: 0 })) as P.CheckpointDetail;
  return Number((det.stats as Record<string, number> | undefined)?.['inputMessageCount'] ?? 0);
}

test('kill -9 of a change stream -> window -> $merge instance: output equals a run that was never killed', { timeout: 600_000 }, async (t) => {
  const seed = testSeed(777);
  const rand = seeded(seed);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);
  const servers = await ensureServers();
  const dir = tempDir(t, 'asp-kill-cs-');
  const conns = writeConnections(dir, servers);
  const db = `rcs_${process.pid}_${Date.now().toString(36)}`;
  const mongo = new MongoClient(servers.mongoUri);
  await mongo.connect();
  t.after(async () => {
    await killAll();
    await mongo.db(db).dropDatabase().catch(() => undefined);
    await mongo.close();
  });
  await mongo.db(db).createCollection('input');
  trace('servers ready; starting instances');

  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  const ref = await spawnDaemon(`${dir}/ref`, env, conns);
  let killed = await spawnDaemon(`${dir}/killed`, env, conns);
  const liveStats = async (d: Daemon): Promise<{ inputMessageCount: number; changeStreamState?: unknown }> =>
    ((await d.conn.sendRequest(P.getStreamProcessorStats.method, { name: 'cs' })) as { stats: { inputMessageCount: number; changeStreamState?: unknown } }).stats;
  for (const [d, suffix] of [[ref, 'ref'], [killed, 'killed']] as const) {
    await d.conn.sendRequest(P.createStreamProcessor.method, { name: 'cs', pipeline: pipeline(db, `win_${suffix}`) });
    await d.conn.sendRequest(P.startStreamProcessor.method, { name: 'cs' });
    await waitFor(async () => (await liveStats(d)).changeStreamState !== undefined, 'the change stream to open', 60_000, 20);
  }
  // A change stream starts "now" and this server gives no resume token before the first event:
  // one warm-up insert, in a window of its own, gives both a checkpointed position to resume from.
  await mongo.db(db).collection('input').insertOne({ i: -2, k: 'warm', t: T0 - 10_000 });
  for (const d of [ref, killed]) await waitFor(async () => (await newestPositions(d, 'cs'))?.['source'], 'a checkpointed resume token', 60_000, 20);

  trace('warm-up checkpointed');
  const liveInput = async (d: Daemon): Promise<number> => (await liveStats(d)).inputMessageCount - 1;
  let inserted = 0;
  const insert = (async () => {
    const input = mongo.db(db).collection('input');
    for (let from = 0; from < N; from += CHUNK) {
      await input.insertMany(Array.from({ length: CHUNK }, (_, j) => ({ i: from + j, k: (from + j) % 4, t: T0 + (from + j) * 10 })));
      inserted = from + CHUNK;
      trace(`inserted ${inserted}`);
      await waitFor(async () => (await liveInput(ref)) >= inserted - CHUNK, 'the reference to keep up', 120_000, 20);
      await waitFor(async () => (await checkpointedInput(killed)) - 1 >= inserted - LAG, 'the killed instance to keep up', 120_000, 20);
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
  for (const d of [ref, killed]) await waitFor(() => done(d), 'all changes checkpointed', 120_000, 50);
  const read = async (coll: string): Promise<unknown[]> => mongo.db(db).collection(coll).find({}).sort({ _id: 1 }).toArray();
  const windows = (N / 100) * 4 + 1;
  await waitFor(async () => (await read('win_ref')).length === windows, 'reference windows merged', 60_000, 50);
  for (const d of [ref, killed]) {
    await d.conn.sendRequest(P.stopStreamProcessor.method, { name: 'cs' });
    await shutdown(d);
  }
  assert.ok(loop.kills >= 2, `at least two kills while changes flowed (got ${loop.kills})`);
  const winRef = await read('win_ref');
  assert.equal(winRef.length, windows);
  assert.deepEqual(await read('win_killed'), winRef);
});
