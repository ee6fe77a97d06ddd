/**
 * kill -9 recovery with `$https` inside a window's pipeline: a real instance process reads a
 * documents source with event times, a tumbling window sends each document to a real HTTP
 * server (started by this test on 127.0.0.1) and sums the replies, and $merge writes one
 * document per window on its start. The instance is SIGKILLed at random moments and restarted;
 * every closed window must count exactly its own documents (a request in flight at a
 * checkpoint, lost or replayed twice, would change a count).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalStore } from '../../../engine/store/localStore';
import * as P from '../../../shared/protocol';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';
import { killAll, shutdown, spawnDaemon } from '../../helpers/daemonProcess';
import { documentsPosition, killRepeatedly, seeded, testSeed } from '../../helpers/recovery';
import { behaviourHandler, startHttpServer } from '../../infra/httpServer';

const N = 3000;
const PER_WINDOW = 100;

const pipeline = [
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

test('kill -9 with $https inside a window before a $merge on the window start: every window counts its own documents', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t, 'asp-kill-https-window-');
  t.after(killAll);
  const server = await startHttpServer(behaviourHandler());
  t.after(() => server.close());
  const connections = path.join(dir, 'asp.connections.json');
  fs.writeFileSync(connections, JSON.stringify({ connections: [{ name: 'api', type: 'Https', url: server.url }] }));
  const stateDir = path.join(dir, 'state');
  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  const start = () => spawnDaemon(stateDir, env, connections);
  const seed = testSeed(2718);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);

  const first = await start();
  await first.conn.sendRequest(P.createStreamProcessor.method, { name: 'win', pipeline });
  await first.conn.sendRequest(P.startStreamProcessor.method, { name: 'win' });
  const loop = await killRepeatedly(start, first, {
    kills: 3,
    rand: seeded(seed),
    progress: (d) => documentsPosition(d, 'win'),
    done: async (d) => (await documentsPosition(d, 'win')) >= N,
    maxDelayMs: 200,
  });
  await waitFor(async () => ((await documentsPosition(loop.daemon, 'win')) >= N ? true : undefined), 'all input checkpointed', 120_000, 50);
  await loop.daemon.conn.sendRequest(P.stopStreamProcessor.method, { name: 'win' });
  await shutdown(loop.daemon);

  const store = new LocalStore(stateDir);
  const docs = store.collection('rec', 'windows').find({});
  await store.close();
  // The watermark ends at the last event time: the last window stays open (no drain for processors).
  const closed = N / PER_WINDOW - 1;
  assert.equal(docs.length, closed, `one document per closed window: ${JSON.stringify(docs.map((d) => d['n']))}`);
  for (const d of docs) {
    const w = (d['_id'] as Date).getTime() / 1000;
    const lo = w * PER_WINDOW;
    assert.equal(d['n'], PER_WINDOW, `window ${w} counts its documents once each`);
    assert.equal(d['sum'], PER_WINDOW * lo + (PER_WINDOW * (PER_WINDOW - 1)) / 2, `window ${w} holds its own replies`);
  }
  const calls = server.requests.filter((r) => r.path === '/delay/1').length;
  assert.ok(calls >= closed * PER_WINDOW, `the server answered ${calls} requests`);
  assert.ok(loop.kills >= 1, 'at least one kill happened while input flowed');
  t.diagnostic(`${loop.kills} kills, ${calls} requests for ${N} documents`);
});
