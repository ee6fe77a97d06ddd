import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import * as path from 'node:path';
import { Long, ObjectId, Decimal128, serialize } from 'bson';
import { FileCheckpointStore } from '../../../../engine/runtime/checkpoint/fileStore';
import { decodeCheckpoint, encodeCheckpoint } from '../../../../engine/runtime/checkpoint/codec';
import { CHUNK_BYTES } from '../../../../engine/runtime/checkpoint/valueCodec';
import type { CheckpointContent } from '../../../../engine/runtime/checkpoint/types';
import { tempDir } from '../../../helpers/tempDir';

function content(id: number, extra: Partial<CheckpointContent> = {}): CheckpointContent {
  return {
    id,
    time: 1_700_000_000_000 + id,
    positions: { source: { topic: 't', offsets: [new Long(41), new Long(7)] } },
    tables: { '0.windows': [{ start: new Date(60_000), key: 'a', sum: 1.5, oid: new ObjectId('65a1b2c3d4e5f60718293a4b'), d: Decimal128.fromString('1.10') }] },
    stats: { inputMessageCount: id * 10 },
    ...extra,
  };
}

test('file store round-trips BSON types exactly', async (t) => {
  const store = new FileCheckpointStore(tempDir(t));
  await store.save(encodeCheckpoint(content(1)));
  const { checkpoint, skipped } = await store.loadLatest();
  assert.deepEqual(skipped, []);
  assert.deepEqual(checkpoint, content(1));
});

test('large tables are cut into sections of about 1 MB and reassembled', async (t) => {
  const store = new FileCheckpointStore(tempDir(t));
  const arr = Array.from({ length: 150_001 }, (_, i) => ({ k: `key-${i}`, n: i }));
  const obj: Record<string, number> = {};
  for (let i = 0; i < 20_500; i++) obj[`k${i}`] = i;
  const c = content(1, { tables: { '0.arr': arr, '1.obj': obj, '2.scalar': 7 } });
  const enc = encodeCheckpoint(c);
  assert.ok(enc.sections.length >= 3, `sections: ${enc.sections.length}`);
  for (const s of enc.sections) assert.ok(s.length <= CHUNK_BYTES, `section of ${s.length} bytes`);
  assert.deepEqual(enc.tableBytes.map((x) => x.name), ['0.arr', '1.obj', '2.scalar']);
  const [arrBytes, objBytes, scalarBytes] = enc.tableBytes.map((x) => x.bytes) as [number, number, number];
  assert.ok(arrBytes > objBytes && objBytes > scalarBytes && scalarBytes > 0);
  await store.save(enc);
  assert.deepEqual((await store.loadLatest()).checkpoint?.tables, c.tables);
});

test('checkpoints written with BSON table parts (earlier format) still load', async () => {
  const header = serialize({ k: 'h', id: 4, time: new Date(9), positions: { source: 1 }, tables: ['0:w'], tableBytes: [] });
  const part = serialize({ k: 't', n: '0:w', p: 0, m: 'a', v: [{ a: new Long(5) }] });
  const c = decodeCheckpoint([Buffer.from(header), Buffer.from(part)]);
  assert.deepEqual(c.tables, { '0:w': [{ a: new Long(5) }] });
});

test('keeps only the newest checkpoints and lists them with positions and table sizes', async (t) => {
  const store = new FileCheckpointStore(tempDir(t), { keep: 2 });
  for (let i = 1; i <= 4; i++) await store.save(encodeCheckpoint(content(i)));
  const list = await store.list();
  assert.deepEqual(list.map((c) => c.id), [3, 4]);
  assert.equal(list[1]!.time, 1_700_000_000_004);
  assert.deepEqual(list[1]!.positions, content(4).positions);
  assert.equal(list[1]!.tables[0]!.name, '0.windows');
  assert.ok(list[1]!.tables[0]!.bytes > 50);
  assert.equal((await store.load(3))?.id, 3);
  assert.equal(await store.load(1), undefined);
});

test('a torn newest file is skipped with a clear note and the previous one loads', async (t) => {
  const dir = tempDir(t);
  const store = new FileCheckpointStore(dir);
  await store.save(encodeCheckpoint(content(1)));
  await store.save(encodeCheckpoint(content(2)));
  const newest = path.join(dir, 'ckpt-000000000002.bin');
  truncateSync(newest, 40);
  const { checkpoint, skipped } = await store.loadLatest();
  assert.equal(checkpoint?.id, 1);
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0]!.id, 2);
  assert.equal(skipped[0]!.location, newest);
  assert.match(skipped[0]!.reason, /^expected \d+ bytes, found 24$/);
});

test('a flipped byte fails the checksum; a stray .tmp file is ignored', async (t) => {
  const dir = tempDir(t);
  const store = new FileCheckpointStore(dir);
  await store.save(encodeCheckpoint(content(1)));
  await store.save(encodeCheckpoint(content(2)));
  const newest = path.join(dir, 'ckpt-000000000002.bin');
  const buf = readFileSync(newest);
  buf[buf.length - 3] ^= 0xff;
  writeFileSync(newest, buf);
  writeFileSync(path.join(dir, 'ckpt-000000000003.bin.tmp'), 'half');
  const { checkpoint, skipped } = await store.loadLatest();
  assert.equal(checkpoint?.id, 1);
  assert.match(skipped[0]!.reason, /checksum mismatch/);
  assert.deepEqual((await store.list()).map((c) => c.id), [1]);
});

test('empty or missing folder loads nothing; clear removes everything', async (t) => {
  const dir = tempDir(t);
  const store = new FileCheckpointStore(path.join(dir, 'p'));
  assert.deepEqual(await store.loadLatest(), { skipped: [] });
  await store.save(encodeCheckpoint(content(1)));
  await store.clear();
  assert.deepEqual(await store.list(), []);
  assert.deepEqual(readdirSync(dir), []);
});
