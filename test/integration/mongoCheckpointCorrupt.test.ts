/**
 * Corrupt checkpoints in the MongoDB checkpoint store, against the real MongoDB-wire server: the
 * store names unreadable checkpoints by their documents' _ids, and a processor whose checkpoints
 * live there falls back to the previous readable one, or refuses to start (FAILED) naming the
 * documents when none is readable, unless resumeFromCheckpoint is false.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Binary, MongoClient, type Collection, type Document } from 'mongodb';
import { ensureServers, type TestServers } from '../infra/servers';
import { MongoCheckpointStore } from '../../engine/runtime/checkpoint/mongoStore';
import { encodeCheckpoint } from '../../engine/runtime/checkpoint/codec';
import type { CheckpointContent } from '../../engine/runtime/checkpoint/types';
import { ProcessorManager } from '../../engine/runtime/manager';
import { CommandError } from '../../engine/runtime/errors';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import { createServices } from '../../engine/connectors/services';
import type { Services } from '../../engine/io/types';
import { uniqueName } from './helpers';

let servers: TestServers;
let client: MongoClient;
before(async () => {
  servers = await ensureServers();
  client = new MongoClient(servers.mongoUri);
  await client.connect();
});
after(async () => {
  await client?.close();
});

function content(id: number): CheckpointContent {
  return { id, time: 1_700_000_000_000 + id, positions: { source: { index: id } }, tables: { '0:w': [{ k: 'a', n: id }] }, stats: { inputMessageCount: id } };
}

/** Cut the last byte off a checkpoint's first section: its commit record's CRC no longer matches. */
async function corrupt(coll: Collection<Document>, proc: string, ckpt: number): Promise<void> {
  const sec = await coll.findOne({ proc, ckpt, n: 0 });
  assert.ok(sec, `checkpoint ${ckpt} of ${proc} has a first section`);
  const bytes = Buffer.from((sec['data'] as Binary).buffer);
  await coll.updateOne({ _id: sec['_id'] }, { $set: { data: new Binary(bytes.subarray(0, bytes.length - 1)) } });
}

test('mongo store: unreadable checkpoints are named by _id and collection; the previous readable one loads', async () => {
  const db = uniqueName('ckc');
  const coll = client.db(db).collection('checkpoints');
  const store = new MongoCheckpointStore(coll, 'p', 3);
  for (const id of [1, 2, 3]) await store.save(encodeCheckpoint(content(id)));
  await corrupt(coll, 'p', 3);
  // A section without binary data (overwritten by hand) is unreadable too.
  await coll.updateOne({ proc: 'p', ckpt: 2, n: 0 }, { $set: { data: 'oops' } });
  const r = await store.loadLatest();
  assert.deepEqual(r.checkpoint, content(1));
  assert.deepEqual(r.skipped, [
    { id: 3, location: `documents "p:3:0".."p:3:1" and "p:3:commit" in ${db}.checkpoints`, reason: 'checksum mismatch' },
    { id: 2, location: `documents "p:2:0".."p:2:1" and "p:2:commit" in ${db}.checkpoints`, reason: 'section 0 holds no binary data' },
  ]);
  assert.deepEqual((await store.list()).map((c) => c.id), [1], 'a listing shows only readable checkpoints');
  await client.db(db).dropDatabase();
});

test('processor with checkpoints in MongoDB: newest corrupt -> falls back and says so; all corrupt -> FAILED naming the documents; no-resume starts', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'asp-mckc-'));
  const db = uniqueName('ckci');
  const coll = client.db(db).collection('checkpoints');
  const logs: string[] = [];
  const registry = builtinRegistry();
  let services: Services | undefined;
  const m = new ProcessorManager({
    stateDir: dir, registry: () => registry, services: () => (services ??= createServices(registry, { stateDir: dir })), checkpointIntervalMs: 0,
    checkpointStore: (def) => new MongoCheckpointStore(coll, def.id),
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  t.after(async () => {
    await m.close();
    await services?.close();
    await client.db(db).dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });
  const pipeline = [{ $source: { documents: Array.from({ length: 20 }, (_, i) => ({ _id: i })) } }, { $merge: { into: { connectionName: 'local', db: 'x', coll: 'y' } } }];
  m.create({ name: 'p', pipeline } as never);
  for (let i = 0; i < 2; i++) {
    await m.start({ name: 'p' } as never);
    await m.stop({ name: 'p' } as never);
  }
  const proc = String(m.stats({ name: 'p' } as never).stats['processorId']);
  const ids = (await coll.find({ proc, commit: true }).sort({ ckpt: 1 }).toArray()).map((c) => c['ckpt'] as number);
  assert.ok(ids.length >= 2, `commits: ${ids.join()}`);
  const newest = ids[ids.length - 1]!;

  await corrupt(coll, proc, newest);
  await m.start({ name: 'p' } as never);
  const note = m.stats({ name: 'p' } as never).stats['checkpointRestore'] as { checkpointId: number; skipped: { checkpointId: number; location: string; reason: string }[] };
  assert.equal(note.checkpointId, ids[ids.length - 2]);
  assert.equal(note.skipped[0]!.checkpointId, newest);
  assert.match(note.skipped[0]!.location, new RegExp(`"${proc}:${newest}:commit" in ${db}\\.checkpoints`));
  assert.ok(logs.some((l) => l.startsWith('warn: ') && l.includes(`${proc}:${newest}:commit`)), logs.join('\n'));
  await m.stop({ name: 'p' } as never);

  const all = (await coll.find({ proc, commit: true }).toArray()).map((c) => c['ckpt'] as number);
  for (const id of all) await corrupt(coll, proc, id);
  await assert.rejects(m.start({ name: 'p' } as never), (e: CommandError) => {
    for (const id of all) assert.ok(e.message.includes(`"${proc}:${id}:commit"`), e.message);
    assert.match(e.message, new RegExp(`in ${db}\\.checkpoints`));
    return true;
  });
  assert.equal(m.list().streamProcessors.find((p) => p.name === 'p')!.state, 'FAILED');
  await m.start({ name: 'p', resumeFromCheckpoint: false } as never);
  assert.deepEqual(m.stats({ name: 'p' } as never).stats['checkpointRestore'], { checkpointId: null, reason: 'resumeFromCheckpoint: false' });
  await m.stop({ name: 'p' } as never);
});
