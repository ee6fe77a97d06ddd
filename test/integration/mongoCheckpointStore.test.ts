/** The MongoDB checkpoint store against the real MongoDB-wire server: the same guarantees as the file store. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Long, ObjectId, Decimal128, Binary } from 'bson';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { ensureServers } from '../infra/servers';
import { MongoCheckpointStore } from '../../engine/runtime/checkpoint/mongoStore';
import { encodeCheckpoint } from '../../engine/runtime/checkpoint/codec';
import type { CheckpointContent } from '../../engine/runtime/checkpoint/types';
import { uniqueName } from './helpers';
import { Instance } from '../../engine/daemon/instance';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';

let client: MongoClient;
let coll: Collection<Document>;

before(async () => {
  const s = await ensureServers();
  client = new MongoClient(s.mongoUri);
  await client.connect();
  coll = client.db(uniqueName('ckpt')).collection('checkpoints');
});
after(async () => {
  await client?.close();
});

function content(id: number): CheckpointContent {
  return {
    id,
    time: 1_700_000_000_000 + id,
    positions: { source: { topic: 't', offsets: [new Long(41 + id), new Long(7)] } },
    tables: { '0.windows': [{ start: new Date(60_000), key: 'a', sum: 1.5 * id, oid: new ObjectId('65a1b2c3d4e5f60718293a4b'), d: Decimal128.fromString('1.10') }] },
    stats: { inputMessageCount: id * 10 },
  };
}

test('mongo checkpoint store: round-trips BSON types, lists newest checkpoints, keeps only the last 3', async () => {
  const store = new MongoCheckpointStore(coll, 'p1', 3);
  for (let i = 1; i <= 5; i++) await store.save(encodeCheckpoint(content(i)));
  const { checkpoint, skipped } = await store.loadLatest();
  assert.deepEqual(skipped, []);
  assert.deepEqual(checkpoint, content(5));
  assert.deepEqual((await store.list()).map((c) => c.id), [3, 4, 5]);
  assert.deepEqual(await store.load(4), content(4));
  assert.equal(await store.load(1), undefined);
});

test('mongo checkpoint store: a torn or corrupt newest checkpoint is skipped with a clear note', async () => {
  const store = new MongoCheckpointStore(coll, 'p2', 3);
  await store.save(encodeCheckpoint(content(1)));
  await store.save(encodeCheckpoint(content(2)));
  // Corrupt one byte of checkpoint 2's first section: the CRC in its commit record no longer matches.
  const sec = await coll.findOne({ proc: 'p2', ckpt: 2, n: 0 });
  const bytes = Buffer.from((sec!['data'] as Binary).buffer);
  bytes[bytes.length - 2] ^= 0xff;
  await coll.updateOne({ _id: sec!['_id'] }, { $set: { data: new Binary(bytes) } });
  const r = await store.loadLatest();
  assert.deepEqual(r.checkpoint, content(1));
  assert.equal(r.skipped.length, 1);
  assert.equal(r.skipped[0]!.id, 2);
  assert.match(r.skipped[0]!.reason, /checksum mismatch/);
  // A checkpoint whose sections are missing (crash between writes and commit) is skipped too.
  await coll.deleteMany({ proc: 'p2', ckpt: 1, n: { $exists: true } });
  const r2 = await store.loadLatest();
  assert.equal(r2.checkpoint, undefined);
  assert.equal(r2.skipped.length, 2);
});

test('mongo checkpoint store: clear forgets one processor only', async () => {
  const a = new MongoCheckpointStore(coll, 'pa', 3);
  const b = new MongoCheckpointStore(coll, 'pb', 3);
  await a.save(encodeCheckpoint(content(1)));
  await b.save(encodeCheckpoint(content(1)));
  await a.clear();
  assert.equal((await a.loadLatest()).checkpoint, undefined);
  assert.deepEqual((await b.loadLatest()).checkpoint, content(1));
});

test('an instance started with checkpoints in MongoDB checkpoints there and resumes from there', async (t) => {
  const s = await ensureServers();
  const dir = mkdtempSync(path.join(tmpdir(), 'asp-mck-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const connectionsFile = path.join(dir, 'asp.connections.json');
  writeFileSync(connectionsFile, JSON.stringify({ connections: [{ name: 'mongo', type: 'Cluster', uri: s.mongoUri }] }));
  const db = uniqueName('ckdb');
  const open = async (): Promise<Instance> => {
    const inst = new Instance({ stateDir: path.join(dir, 'state'), connectionsFile, checkpointIntervalMs: 0, checkpoints: { connectionName: 'mongo', db, coll: 'checkpoints' } });
    await inst.open();
    return inst;
  };
  const pipeline = [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 'x', coll: 'y' } } }];
  let inst = await open();
  inst.manager.create({ name: 'p', pipeline } as never);
  await inst.manager.start({ name: 'p' } as never);
  await inst.manager.stop({ name: 'p' } as never);
  const commits = await client.db(db).collection('checkpoints').find({ commit: true }).toArray();
  const listed = await inst.manager.listCheckpoints({ name: 'p' } as never);
  assert.ok(commits.length >= 1, 'the checkpoint is in MongoDB');
  assert.ok(listed.checkpoints.some((c) => (c as { trigger?: string }).trigger === 'stop'), `the stop checkpoint is listed: ${JSON.stringify(listed.checkpoints)}`);
  assert.deepEqual(listed.checkpoints.map((c) => String(c.id)).sort(), commits.map((c) => String(c['ckpt'])).sort());
  const inputBefore = inst.manager.stats({ name: 'p' } as never).stats.inputMessageCount;
  await inst.shutdown();
  // A new instance on the same state finds the processor and its checkpoints in MongoDB.
  inst = await open();
  t.after(() => inst.shutdown());
  const again = await inst.manager.listCheckpoints({ name: 'p' } as never);
  assert.equal(again.checkpoints.length, listed.checkpoints.length);
  await inst.manager.start({ name: 'p' } as never);
  await inst.manager.stop({ name: 'p' } as never);
  assert.ok(inst.manager.stats({ name: 'p' } as never).stats.inputMessageCount >= inputBefore, 'summary stats resume from the checkpoint');
});
