import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinRegistry } from '../../../engine/connectors/catalog/registry';
import { createServices } from '../../../engine/connectors/services';
import { type Services } from '../../../engine/io/types';
import { ProcessorManager } from '../../../engine/runtime/manager';
import { CommandError } from '../../../engine/runtime/errors';
import { LocalStore } from '../../../engine/store/localStore';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';

const docs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ _id: from + i, z: (from + i) % 10 }));

function pipeline(n: number) {
  return [
    { $source: { documents: docs(n) } },
    { $addFields: { y: { $divide: [10, '$z'] } } },
    { $merge: { into: { connectionName: 'local', db: 't', coll: 'out' } } },
  ];
}
const dlqOpt = { dlq: { connectionName: 'local', db: 't', coll: 'dlq' } };

function setup(t: { after(fn: () => void | Promise<void>): void }, dir = tempDir(t), checkpointIntervalMs = 0) {
  const registry = builtinRegistry();
  let services: Services | undefined;
  const m = new ProcessorManager({ stateDir: dir, registry: () => registry, services: () => (services ??= createServices(registry, { stateDir: dir })), checkpointIntervalMs });
  t.after(async () => {
    await m.close();
    await services?.close();
  });
  return { m, dir, closeServices: async () => services?.close() };
}

function outCount(dir: string, coll = 'out'): number {
  const s = new LocalStore(dir);
  const n = s.collection('t', coll).size;
  void s.close();
  return n;
}

test('DLQ records are listed while the processor runs, long before its next checkpoint', async (t) => {
  // The default 5-minute cadence: only the start checkpoint is taken before the records exist.
  const { m } = setup(t, undefined, 5 * 60_000);
  m.create({ name: 'p1', pipeline: pipeline(20), options: dlqOpt });
  await m.start({ name: 'p1' });
  const page = await waitFor(async () => {
    const p = await m.listDlq({ name: 'p1' });
    return p.total === 2 ? p : undefined;
  }, 'the 2 DLQ records listed');
  assert.deepEqual(page.entries.map((e) => (e.record.doc as { _id: number })._id).sort(), [0, 10]);
  assert.equal(m.stats({ name: 'p1' }).state, 'STARTED');
});

test('lifecycle: create, start, stats, stop with checkpoint, list, drop', async (t) => {
  const { m } = setup(t);
  assert.deepEqual(m.create({ name: 'p1', pipeline: pipeline(1000), options: dlqOpt }), { ok: 1, name: 'p1' });
  assert.equal(m.list().streamProcessors[0]!.state, 'CREATED');
  assert.equal((m.stats({ name: 'p1' }).stats as Record<string, unknown>)['status'], 'created');
  await m.start({ name: 'p1' });
  await waitFor(() => (m.stats({ name: 'p1' }).stats.inputMessageCount === 1000 ? true : undefined), 'all input read');
  const s = m.stats({ name: 'p1' });
  assert.equal(s.state, 'STARTED');
  assert.equal(s.stats.status, 'running');
  assert.equal(s.stats.outputMessageCount, 900);
  assert.equal(s.stats.dlqMessageCount, 100);
  assert.ok((s.stats.dlqMessageSize as number) > 100 * 100);
  await assert.rejects(m.start({ name: 'p1' }), (e: CommandError) => e.code === 409 && /already started/.test(e.message));
  await m.stop({ name: 'p1' });
  assert.equal(m.list({ filter: { state: 'STOPPED' } }).streamProcessors.length, 1);
  assert.equal(m.list({ filter: { state: 'running' } }).streamProcessors.length, 0);
  assert.equal(m.list({ filter: { name: { $regex: '^p' } } }).streamProcessors.length, 1);
  const cks = (await m.listCheckpoints({ name: 'p1' })).checkpoints;
  assert.equal(cks[0]!.trigger, 'stop');
  const d = await m.getCheckpoint({ name: 'p1', checkpointId: cks[0]!.id });
  assert.deepEqual(d.sourcePositions, { source: { index: 1000 } });
  assert.equal((d.stats as Record<string, number>)['inputMessageCount'], 1000);
  const page = await m.listDlq({ name: 'p1', limit: 5, skip: 2, reason: 'DIVIDE BY ZERO' });
  assert.equal(page.total, 100);
  assert.equal(page.entries.length, 5);
  const rec = page.entries[0]!.record;
  assert.deepEqual(Object.keys(rec), ['_stream_meta', 'errInfo', 'operatorName', 'doc', 'processorName', 'dlqTime']);
  assert.equal(rec.operatorName, 'AddFieldsOperator');
  assert.equal(page.entries[0]!.stageIndex, 1);
  assert.equal((await m.listDlq({ name: 'p1', operatorName: 'MergeOperator' })).total, 0);
  await m.drop({ name: 'p1' });
  assert.deepEqual(m.list().streamProcessors, []);
  await assert.rejects(m.stop({ name: 'p1' }), (e: CommandError) => e.code === 404);
});

test('restart resumes from the stop checkpoint and keeps summary stats', async (t) => {
  const dir = tempDir(t);
  const a = setup(t, dir);
  a.m.create({ name: 'p', pipeline: pipeline(500) });
  await a.m.start({ name: 'p' });
  await waitFor(() => (a.m.stats({ name: 'p' }).stats.inputMessageCount === 500 ? true : undefined), 'input');
  await a.m.close();
  await a.closeServices();
  // A second instance on the same state dir: p was STARTED, so it starts again and resumes at index 500.
  const b = setup(t, dir);
  await b.m.open();
  assert.equal(b.m.list().streamProcessors[0]!.state, 'STARTED');
  const s = b.m.stats({ name: 'p' }).stats;
  assert.equal(s.inputMessageCount, 500);
  assert.equal(s.dlqMessageCount, 50);
  await b.m.stop({ name: 'p' });
  assert.equal(outCount(dir), 450);
});

test('start options: resumeFromCheckpoint false replays; clearCheckpoints resets stats', async (t) => {
  const { m } = setup(t);
  m.create({ name: 'p', pipeline: pipeline(100) });
  await m.start({ name: 'p' });
  await waitFor(() => (m.stats({ name: 'p' }).stats.inputMessageCount === 100 ? true : undefined), 'input');
  await m.stop({ name: 'p' });
  await m.start({ name: 'p', resumeFromCheckpoint: false });
  await waitFor(() => (m.stats({ name: 'p' }).stats.inputMessageCount === 200 ? true : undefined), 'replayed input');
  await m.stop({ name: 'p' });
  await m.start({ name: 'p', clearCheckpoints: true });
  await waitFor(() => (m.stats({ name: 'p' }).stats.inputMessageCount === 100 ? true : undefined), 'fresh stats');
  await m.stop({ name: 'p' });
});

test('modify: state rules, resumeFromCheckpoint rules with the engine messages, dlq removal, rename', async (t) => {
  const { m } = setup(t);
  const win = (size: number, inner: unknown[] = [{ $group: { _id: null, n: { $count: {} } } }]) => [
    { $source: { documents: docs(10) } },
    { $tumblingWindow: { interval: { size, unit: 'second' }, pipeline: inner } },
    { $merge: { into: { connectionName: 'local', db: 't', coll: 'w' } } },
  ];
  m.create({ name: 'w', pipeline: win(1), options: dlqOpt });
  const refused = async (p: unknown[], msg: string) =>
    assert.rejects(m.modify({ name: 'w', pipeline: p }), (e: CommandError) => e.code === 420 && e.message === msg);
  await refused(win(2), "resumeFromCheckpoint must be false to change a window stage's interval");
  await refused([win(1)[0]!, win(1)[2]!], 'resumeFromCheckpoint must be false to remove a window from a stream processor');
  const other = win(1);
  other[0] = { $source: { documents: docs(3) } };
  await refused(other, "resumeFromCheckpoint must be false to modify a stream processor's $source stage");
  await m.modify({ name: 'w', pipeline: win(2), resumeFromCheckpoint: false });
  await m.modify({ name: 'w', pipeline: win(2, [{ $sort: { z: 1 } }]) });
  await m.modify({ name: 'w', dlq: {}, newName: 'w2' });
  const info = m.list().streamProcessors[0]!;
  assert.equal(info.name, 'w2');
  assert.equal(info.options?.dlq, undefined);
  await m.start({ name: 'w2' });
  await assert.rejects(m.modify({ name: 'w2', pipeline: win(1) }), (e: CommandError) => e.code === 409);
  await m.stop({ name: 'w2' });
});

test('create refuses bad names, duplicates and invalid pipelines with 420 and diagnostics', (t) => {
  const { m } = setup(t);
  assert.throws(() => m.create({ name: '', pipeline: [] }), (e: CommandError) => e.code === 420 && e.message === 'Invalid processor name: ');
  assert.throws(() => m.create({ name: 'x', pipeline: [{ $match: {} }] }), (e: CommandError) => e.code === 420 && /First stage must be \$source/.test(e.message) && (e.data?.diagnostics.length ?? 0) > 0);
  // A pipeline without a sink previews fine but cannot be created (ASP206 is an error here).
  assert.throws(() => m.create({ name: 'x', pipeline: pipeline(1).slice(0, -1) }), (e: CommandError) => e.code === 420 && e.message === 'The last stage in the pipeline must be $merge or $emit.' && e.data?.diagnostics[0]?.code === 'ASP206');
  m.create({ name: 'x', pipeline: pipeline(1) });
  assert.throws(() => m.create({ name: 'x', pipeline: pipeline(1) }), (e: CommandError) => e.code === 11000);
});

test('sample cursor sees sink output of a running processor', async (t) => {
  const { m } = setup(t);
  m.create({
    name: 's',
    pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 't', coll: 'solar' } } }],
  });
  await m.start({ name: 's' });
  const { cursorId } = m.startSample({ name: 's', limit: 3 });
  const got: unknown[] = [];
  await waitFor(() => {
    const r = m.getMore({ name: 's', cursorId, batchSize: 10 });
    got.push(...r.messages);
    return r.cursorId === 0 ? true : undefined;
  }, 'three sampled documents');
  assert.equal(got.length, 3);
  assert.equal(typeof (got[0] as Record<string, unknown>)['device_id'], 'string');
  await m.stop({ name: 's' });
  assert.throws(() => m.startSample({ name: 's' }), (e: CommandError) => e.code === 409);
});
