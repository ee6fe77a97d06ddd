/**
 * Corrupt checkpoints in the file store and what a processor start does with them: fall back to
 * the previous readable checkpoint and say so (stats `checkpointRestore`, log), or, when none is
 * readable, refuse with a message naming the files and go to FAILED, unless started with
 * resumeFromCheckpoint: false.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileCheckpointStore } from '../../../engine/runtime/checkpoint/fileStore';
import { encodeCheckpoint } from '../../../engine/runtime/checkpoint/codec';
import { CheckpointCoordinator } from '../../../engine/runtime/checkpoint/coordinator';
import type { CheckpointContent } from '../../../engine/runtime/checkpoint/types';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import type { Services } from '../../../engine/io/types';
import { ProcessorManager } from '../../../engine/runtime/manager';
import { CommandError } from '../../../engine/runtime/errors';
import { systemClock } from '../../../engine/core/clock';

function tempDir(t: { after(fn: () => void): void }): string {
  const d = mkdtempSync(path.join(tmpdir(), 'asp-ckcorrupt-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function content(id: number): CheckpointContent {
  return { id, time: 1_700_000_000_000 + id, positions: { source: { index: id } }, tables: { '0:w': [{ k: 'a', n: id }] }, stats: { inputMessageCount: id } };
}

const file = (dir: string, id: number): string => path.join(dir, `ckpt-${String(id).padStart(12, '0')}.bin`);

function flipByte(p: string, fromEnd = 3): void {
  const buf = readFileSync(p);
  buf[buf.length - fromEnd] ^= 0xff;
  writeFileSync(p, buf);
}

async function storeWith(t: { after(fn: () => void): void }, ids: number[]): Promise<{ dir: string; store: FileCheckpointStore }> {
  const dir = tempDir(t);
  const store = new FileCheckpointStore(dir);
  for (const id of ids) await store.save(encodeCheckpoint(content(id)));
  return { dir, store };
}

test('file store: a corrupt newest checkpoint is skipped, named with its file and reason, and the previous one loads', async (t) => {
  const { dir, store } = await storeWith(t, [1, 2, 3]);
  flipByte(file(dir, 3));
  const r = await store.loadLatest();
  assert.deepEqual(r.checkpoint, content(2));
  assert.deepEqual(r.skipped, [{ id: 3, location: file(dir, 3), reason: 'checksum mismatch' }]);
});

test('file store: every checkpoint unreadable -> nothing loads and each one is named, newest first', async (t) => {
  const { dir, store } = await storeWith(t, [1, 2, 3]);
  flipByte(file(dir, 3));
  const declared = readFileSync(file(dir, 2)).readUInt32LE(8);
  truncateSync(file(dir, 2), 30);
  writeFileSync(file(dir, 1), 'not a checkpoint at all');
  const r = await store.loadLatest();
  assert.equal(r.checkpoint, undefined);
  assert.deepEqual(r.skipped.map((s) => [s.id, s.location]), [[3, file(dir, 3)], [2, file(dir, 2)], [1, file(dir, 1)]]);
  assert.deepEqual(r.skipped.map((s) => s.reason), ['checksum mismatch', `expected ${declared} bytes, found 14`, 'not a checkpoint file']);
  assert.deepEqual(await store.list(), [], 'a listing shows only readable checkpoints');
});

test('file store: a truncated file (torn write) names the byte counts', async (t) => {
  const { dir, store } = await storeWith(t, [1, 2]);
  const full = readFileSync(file(dir, 2)).length;
  truncateSync(file(dir, 2), full - 10);
  const r = await store.loadLatest();
  assert.equal(r.checkpoint?.id, 1);
  assert.equal(r.skipped[0]!.reason, `expected ${full - 16} bytes, found ${full - 26}`);
});

test('file store: a zero-length or garbage file is "not a checkpoint file"; a bad CRC is "checksum mismatch"', async (t) => {
  const { dir, store } = await storeWith(t, [1, 2, 3]);
  writeFileSync(file(dir, 3), '');
  flipByte(file(dir, 2), 1);
  const r = await store.loadLatest();
  assert.equal(r.checkpoint?.id, 1);
  assert.deepEqual(r.skipped.map((s) => s.reason), ['not a checkpoint file', 'checksum mismatch']);
});

test('the store keeps three checkpoints, and new ones are numbered above unreadable ones', async (t) => {
  const { dir, store } = await storeWith(t, [5, 6, 7]);
  flipByte(file(dir, 6));
  flipByte(file(dir, 7));
  const coord = new CheckpointCoordinator(store, { cut: () => ({ positions: { source: 1 }, tables: {} }), drain: async () => undefined }, { clock: systemClock });
  const r = await coord.restore();
  assert.equal(r.checkpoint?.id, 5);
  assert.deepEqual(r.skipped.map((s) => s.id), [7, 6]);
  assert.equal((await coord.checkpoint('manual')).id, 8);
  assert.deepEqual(await store.ids(), [6, 7, 8]);
  assert.equal((await store.loadLatest()).checkpoint?.id, 8);
});

// --- processor start -------------------------------------------------------------------------

const pipeline = [
  { $source: { documents: Array.from({ length: 100 }, (_, i) => ({ _id: i })) } },
  { $merge: { into: { connectionName: 'local', db: 't', coll: 'out' } } },
];

function manager(t: { after(fn: () => Promise<void>): void }, dir: string, logs: string[]): ProcessorManager {
  const registry = builtinRegistry();
  let services: Services | undefined;
  const m = new ProcessorManager({
    stateDir: dir, registry: () => registry, services: () => (services ??= createServices(registry, { stateDir: dir })), checkpointIntervalMs: 0,
    log: (level, message) => logs.push(`${level}: ${message}`),
  });
  t.after(async () => {
    await m.close();
    await services?.close();
  });
  return m;
}

async function until(what: string, f: () => boolean): Promise<void> {
  const end = Date.now() + 60_000;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A processor run twice (start, read all, stop): checkpoints 1 (start), 2 (stop), 3 (stop). */
async function processorWithCheckpoints(t: { after(fn: () => Promise<void>): void }, dir: string, logs: string[]): Promise<{ m: ProcessorManager; ckDir: string }> {
  const m = manager(t, dir, logs);
  m.create({ name: 'p', pipeline });
  for (let i = 0; i < 2; i++) {
    await m.start({ name: 'p' });
    await until('all input read', () => m.stats({ name: 'p' }).stats.inputMessageCount === 100);
    await m.stop({ name: 'p' });
  }
  const ckDir = path.join(dir, 'checkpoints', String(m.stats({ name: 'p' }).stats['processorId']));
  assert.deepEqual(await new FileCheckpointStore(ckDir).ids(), [1, 2, 3]);
  return { m, ckDir };
}

test('start after the newest checkpoint was corrupted: resumes from the previous one and says so in stats and the log', async (t) => {
  const dir = tempDir(t);
  const logs: string[] = [];
  const { m, ckDir } = await processorWithCheckpoints(t, dir, logs);
  flipByte(file(ckDir, 3));
  await m.start({ name: 'p' });
  const stats = m.stats({ name: 'p' }).stats as Record<string, unknown>;
  assert.deepEqual(stats['checkpointRestore'], { checkpointId: 2, skipped: [{ checkpointId: 3, location: file(ckDir, 3), reason: 'checksum mismatch' }] });
  assert.equal(stats['inputMessageCount'], 100, 'the counters and the source position come from checkpoint 2');
  assert.ok(logs.some((l) => l.startsWith('warn: ') && l.includes(file(ckDir, 3)) && l.includes('checksum mismatch') && l.includes('checkpoint 2')), logs.join('\n'));
  await m.stop({ name: 'p' });
});

test('start with every checkpoint corrupted fails naming the files, the processor is FAILED; --no-resume starts fresh and says so', async (t) => {
  const dir = tempDir(t);
  const logs: string[] = [];
  const { m, ckDir } = await processorWithCheckpoints(t, dir, logs);
  for (const id of [1, 2, 3]) flipByte(file(ckDir, id));
  await assert.rejects(m.start({ name: 'p' }), (e: CommandError) => {
    assert.equal(e.code, 409);
    for (const id of [1, 2, 3]) assert.ok(e.message.includes(file(ckDir, id)), e.message);
    assert.match(e.message, /none of its checkpoints is readable/);
    assert.match(e.message, /resumeFromCheckpoint: false/);
    return true;
  });
  const info = m.list().streamProcessors[0]!;
  assert.equal(info.state, 'FAILED');
  assert.match(info.errorMsg ?? '', /checksum mismatch/);
  // A second attempt fails the same way (FAILED accepts start) and still names the files.
  await assert.rejects(m.start({ name: 'p' }), /none of its checkpoints is readable/);
  await m.start({ name: 'p', resumeFromCheckpoint: false });
  assert.equal(m.list().streamProcessors[0]!.state, 'STARTED');
  assert.deepEqual((m.stats({ name: 'p' }).stats as Record<string, unknown>)['checkpointRestore'], { checkpointId: null, reason: 'resumeFromCheckpoint: false' });
  assert.ok(logs.some((l) => l.startsWith('info: ') && l.includes('resumeFromCheckpoint: false')), logs.join('\n'));
  await until('the input read again from the start', () => m.stats({ name: 'p' }).stats.inputMessageCount === 200);
  await m.stop({ name: 'p' });
});

test('an instance restart with every checkpoint of a STARTED processor corrupted leaves it FAILED with the message', async (t) => {
  const dir = tempDir(t);
  const logs: string[] = [];
  const { m, ckDir } = await processorWithCheckpoints(t, dir, logs);
  await m.start({ name: 'p' });
  await m.close();
  const ids = await new FileCheckpointStore(ckDir).ids();
  for (const id of ids) flipByte(file(ckDir, id));
  const again = manager(t, dir, logs);
  await again.open();
  const info = again.list().streamProcessors[0]!;
  assert.equal(info.state, 'FAILED');
  for (const id of ids) assert.ok(info.errorMsg?.includes(file(ckDir, id)), info.errorMsg);
});
