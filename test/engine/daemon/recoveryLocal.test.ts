/**
 * kill -9 recovery of a real instance process: a documents source through a tumbling window
 * into $merge on the embedded store, SIGKILLed at random moments while input flows and
 * restarted each time; the final collection equals a run that was never killed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalStore } from '../../../engine/store/localStore';
import { toCanonicalJSON } from '../../../engine/json/ejson';
import * as P from '../../../shared/protocol';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';
import { kill9, killAll, shutdown, spawnDaemon } from '../../helpers/daemonProcess';
import { documentsPosition, seeded, testSeed } from '../../helpers/recovery';

const N = 60_000;
const T0 = Date.UTC(2024, 0, 1);

function pipeline(coll: string) {
  return [
    {
      $source: {
        documents: { $map: { input: { $range: [0, N] }, as: 'i', in: { i: '$$i', k: { $mod: ['$$i', 7] }, t: { $add: [{ $toDate: T0 }, { $multiply: ['$$i', 10] }] } } } },
        timeField: '$t',
      },
    },
    { $tumblingWindow: { interval: { size: 5, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' }, pipeline: [{ $group: { _id: '$k', n: { $count: {} }, sum: { $sum: '$i' } } }] } },
    { $addFields: { _id: { k: '$_id', start: { $meta: 'stream.window.start' } } } },
    { $unset: ['_stream_meta'] },
    { $merge: { into: { connectionName: 'local', db: 'rec', coll } } },
  ];
}

function collection(dir: string, coll: string): string[] {
  const s = new LocalStore(dir);
  const docs = s.collection('rec', coll).find({});
  void s.close();
  return docs.map((d) => toCanonicalJSON(d)).sort();
}

async function runToEnd(dir: string, name: string, kills: number, rand: () => number): Promise<number> {
  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  let d = await spawnDaemon(dir, env);
  await d.conn.sendRequest(P.createStreamProcessor.method, { name, pipeline: pipeline(name) });
  await d.conn.sendRequest(P.startStreamProcessor.method, { name });
  let killed = 0;
  while (killed < kills) {
    // Kill once the processor has made progress past its last kill point, at a random moment.
    const before = await documentsPosition(d, name);
    await waitFor(async () => ((await documentsPosition(d, name)) > before ? true : undefined), 'progress', 60_000, 20);
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 150)));
    if ((await documentsPosition(d, name)) >= N) break;
    await kill9(d);
    killed++;
    d = await spawnDaemon(dir, env);
  }
  await waitFor(async () => ((await documentsPosition(d, name)) >= N ? true : undefined), 'all input checkpointed', 120_000, 50);
  await d.conn.sendRequest(P.stopStreamProcessor.method, { name });
  await shutdown(d);
  return killed;
}

test('kill -9 during a windowed documents -> $merge run loses and duplicates nothing', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t, 'asp-kill-');
  t.after(killAll);
  const seed = testSeed(4242);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);
  const rand = seeded(seed);
  await runToEnd(dir, 'straight', 0, rand);
  const killed = await runToEnd(dir, 'killed', 4, rand);
  const ref = collection(dir, 'straight');
  const got = collection(dir, 'killed');
  // 600 s of event time in 5 s windows, 7 keys; the last window stays open (no drain for processors).
  assert.equal(ref.length, 119 * 7);
  assert.ok(killed >= 1, 'at least one kill happened while input flowed');
  assert.deepEqual(got, ref);
});
