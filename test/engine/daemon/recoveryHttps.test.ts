/**
 * kill -9 recovery with `$https` in the pipeline: a real instance process reads a documents
 * source, calls a real HTTP server (started by the test on 127.0.0.1) and $merges into the
 * embedded store; it is SIGKILLed at random moments and restarted.
 *  - `$https` before a `$merge` on a deterministic _id: the collection holds every document
 *    exactly once, each with its own reply; the server sees at least one request per document
 *    (replays after a kill may repeat some: at-least-once, made idempotent by the _id).
 *  - `$https` inside a tumbling window's pipeline, `$merge` on the window start: every closed
 *    window counts exactly its own documents (a request in flight at a checkpoint, lost or
 *    replayed twice, would change a count).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalStore } from '../../../engine/store/localStore';
import type { Doc } from '../../../engine/core/types';
import * as P from '../../../shared/protocol';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';
import { killAll, shutdown, spawnDaemon } from '../../helpers/daemonProcess';
import { documentsPosition, killRepeatedly, seeded, testSeed } from '../../helpers/recovery';
import { behaviourHandler, startHttpServer } from '../../infra/httpServer';

const N = 3000;
const PER_WINDOW = 100;

const perDocument = [
  { $source: { documents: { $map: { input: { $range: [0, N] }, as: 'i', in: { i: '$$i' } } } } },
  { $https: { connectionName: 'api', path: 'delay/1', parameters: { i: '$i' }, as: 'reply' } },
  { $project: { _id: '$i', q: '$reply.query.i' } },
  { $merge: { into: { connectionName: 'local', db: 'rec', coll: 'calls' } } },
];

const inWindow = [
  { $source: { documents: { $map: { input: { $range: [0, N] }, as: 'i', in: { i: '$$i', t: { $add: [{ $toDate: { $toLong: 0 } }, { $multiply: ['$$i', 10] }] } } } }, timeField: '$t' } },
  {
    $tumblingWindow: {
      interval: { size: 1, unit: 'second' },
      allowedLateness: { size: 0, unit: 'second' },
      pipeline: [
        { $https: { connectionName: 'api', path: 'delay/1', parameters: { i: '$i' }, as: 'reply' } },
        { $group: { _id: null, n: { $sum: 1 }, sum: { $sum: { $toInt: '$reply.query.i' } } } },
        { $project: { _id: { $meta: 'stream.window.start' }, n: 1, sum: 1 } },
      ],
    },
  },
  { $merge: { into: { connectionName: 'local', db: 'rec', coll: 'windows' } } },
];

/** Runs `pipeline` as processor `name` in a real instance killed 3 times; what it merged, the requests, the kills. */
async function killLoop(t: TestContext, name: string, pipeline: unknown[], coll: string, defaultSeed: number): Promise<{ docs: Doc[]; calls: number; kills: number }> {
  const dir = tempDir(t, `asp-kill-${name}-`);
  t.after(killAll);
  const server = await startHttpServer(behaviourHandler());
  t.after(() => server.close());
  const connections = path.join(dir, 'asp.connections.json');
  fs.writeFileSync(connections, JSON.stringify({ connections: [{ name: 'api', type: 'Https', url: server.url }] }));
  const stateDir = path.join(dir, 'state');
  const start = () => spawnDaemon(stateDir, { ASP_CHECKPOINT_INTERVAL_MS: '100' }, connections);
  const seed = testSeed(defaultSeed);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);

  const first = await start();
  await first.conn.sendRequest(P.createStreamProcessor.method, { name, pipeline });
  await first.conn.sendRequest(P.startStreamProcessor.method, { name });
  const loop = await killRepeatedly(start, first, {
    kills: 3,
    rand: seeded(seed),
    progress: (d) => documentsPosition(d, name),
    done: async (d) => (await documentsPosition(d, name)) >= N,
    maxDelayMs: 200,
  });
  await waitFor(async () => ((await documentsPosition(loop.daemon, name)) >= N ? true : undefined), 'all input checkpointed', 120_000, 50);
  await loop.daemon.conn.sendRequest(P.stopStreamProcessor.method, { name });
  await shutdown(loop.daemon);

  const store = new LocalStore(stateDir);
  const docs = store.collection('rec', coll).find({});
  await store.close();
  assert.ok(loop.kills >= 1, 'at least one kill happened while input flowed');
  return { docs, calls: server.requests.filter((r) => r.path === '/delay/1').length, kills: loop.kills };
}

test('kill -9 with $https before a $merge on a deterministic _id loses and duplicates nothing', { timeout: 300_000 }, async (t) => {
  const { docs, calls, kills } = await killLoop(t, 'calls', perDocument, 'calls', 1717);
  assert.equal(docs.length, N, 'one document per input, none lost, none duplicated');
  const ids = new Set(docs.map((d) => d['_id']));
  assert.equal(ids.size, N);
  for (const d of docs) assert.equal(d['q'], String(d['_id']), 'each document holds its own reply');
  assert.ok(calls >= N, `the server answered ${calls} requests for ${N} documents`);
  t.diagnostic(`${kills} kills, ${calls - N} requests replayed after them`);
});

test('kill -9 with $https inside a window before a $merge on the window start: every window counts its own documents', { timeout: 300_000 }, async (t) => {
  const { docs, calls, kills } = await killLoop(t, 'win', inWindow, 'windows', 2718);
  // The watermark ends at the last event time: the last window stays open (no drain for processors).
  const closed = N / PER_WINDOW - 1;
  assert.equal(docs.length, closed, `one document per closed window: ${JSON.stringify(docs.map((d) => d['n']))}`);
  for (const d of docs) {
    const w = (d['_id'] as Date).getTime() / 1000;
    const lo = w * PER_WINDOW;
    assert.equal(d['n'], PER_WINDOW, `window ${w} counts its documents once each`);
    assert.equal(d['sum'], PER_WINDOW * lo + (PER_WINDOW * (PER_WINDOW - 1)) / 2, `window ${w} holds its own replies`);
  }
  assert.ok(calls >= closed * PER_WINDOW, `the server answered ${calls} requests`);
  t.diagnostic(`${kills} kills, ${calls} requests for ${N} documents`);
});
