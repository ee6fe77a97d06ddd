/**
 * kill -9 recovery with `$https` in the pipeline: a real instance process reads a documents
 * source, calls a real HTTP server (started by this test on 127.0.0.1) for every document and
 * $merges the replies on a deterministic _id into the embedded store. It is SIGKILLed at random
 * moments and restarted; the collection must hold every document exactly once, each with its
 * own reply. The server sees at least one request per document (replays after a kill may repeat
 * some: at-least-once, made idempotent by the _id).
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

const pipeline = [
  { $source: { documents: { $map: { input: { $range: [0, N] }, as: 'i', in: { i: '$$i' } } } } },
  { $https: { connectionName: 'api', path: 'delay/1', parameters: { i: '$i' }, as: 'reply' } },
  { $project: { _id: '$i', q: '$reply.query.i' } },
  { $merge: { into: { connectionName: 'local', db: 'rec', coll: 'calls' } } },
];

test('kill -9 with $https before a $merge on a deterministic _id loses and duplicates nothing', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t, 'asp-kill-https-');
  t.after(killAll);
  const server = await startHttpServer(behaviourHandler());
  t.after(() => server.close());
  const connections = path.join(dir, 'asp.connections.json');
  fs.writeFileSync(connections, JSON.stringify({ connections: [{ name: 'api', type: 'Https', url: server.url }] }));
  const stateDir = path.join(dir, 'state');
  const env = { ASP_CHECKPOINT_INTERVAL_MS: '100' };
  const start = () => spawnDaemon(stateDir, env, connections);
  const seed = testSeed(1717);
  t.diagnostic(`seed ${seed} (set ASP_TEST_SEED to replay)`);

  const first = await start();
  await first.conn.sendRequest(P.createStreamProcessor.method, { name: 'calls', pipeline });
  await first.conn.sendRequest(P.startStreamProcessor.method, { name: 'calls' });
  const loop = await killRepeatedly(start, first, {
    kills: 3,
    rand: seeded(seed),
    progress: (d) => documentsPosition(d, 'calls'),
    done: async (d) => (await documentsPosition(d, 'calls')) >= N,
    maxDelayMs: 200,
  });
  await waitFor(async () => ((await documentsPosition(loop.daemon, 'calls')) >= N ? true : undefined), 'all input checkpointed', 120_000, 50);
  await loop.daemon.conn.sendRequest(P.stopStreamProcessor.method, { name: 'calls' });
  await shutdown(loop.daemon);

  const store = new LocalStore(stateDir);
  const docs = store.collection('rec', 'calls').find({});
  await store.close();
  assert.equal(docs.length, N, 'one document per input, none lost, none duplicated');
  const ids = new Set(docs.map((d) => d['_id']));
  assert.equal(ids.size, N);
  for (const d of docs) assert.equal(d['q'], String(d['_id']), 'each document holds its own reply');
  const calls = server.requests.filter((r) => r.path === '/delay/1').length;
  assert.ok(calls >= N, `the server answered ${calls} requests for ${N} documents`);
  assert.ok(loop.kills >= 1, 'at least one kill happened while input flowed');
  t.diagnostic(`${loop.kills} kills, ${calls - N} requests replayed after them`);
});
