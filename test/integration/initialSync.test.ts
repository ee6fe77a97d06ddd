/**
 * `$source.initialSync` against the real MongoDB-wire server, with inserts, updates and deletes
 * made between scan batches (onBatch hooks, so each write's place relative to the scan is fixed):
 * every document version is delivered exactly once (syncHistory.ts). A write to a document the
 * scan already read arrives as its change event; one to a document not read yet is in the scan
 * and its event is dropped; one to a collection already scanned arrives as an event. Single and
 * multi-collection (through the source's `config.pipeline`), a resume mid-scan from a checkpoint
 * position with writes made while stopped, a completed sync that never runs again, and `_id`s
 * Atlas cannot sync. Writes between a read and its drain: initialSyncReread.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ObjectId } from 'mongodb';
import { PipelineRun } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { decodeCheckpoint, encodeCheckpoint } from '../../engine/runtime/checkpoint/codec';
import { SCAN_BATCH } from '../../engine/connectors/mongo/initialSync';
import type { Doc, Value } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';
import { DELETED, History, idOf, keyOf } from './syncHistory';

type Source = Record<string, unknown>;

function syncRun(env: IntegrationEnv, source: Source, hooks: { onBatch?: (run: PipelineRun) => Promise<void> | void } = {}): { run: PipelineRun; out: Doc[] } {
  const text = JSON.stringify({ name: 'sync', pipeline: [{ $source: { connectionName: 'cluster1', ...source } }, { $emit: { connectionName: '__testLog' } }] });
  const a = analyzeText(text, { connections: env.registry });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const out: Doc[] = [];
  const run = new PipelineRun(a.processor!, a.validated!, {
    connections: env.registry, services: env.services, processorName: 'sync', processorId: uniqueName('p'), ephemeral: false,
    onOutput: (d) => out.push(d),
    onBatch: hooks.onBatch,
  });
  return { run, out };
}

const phase = (e: Doc): unknown => ((e['_stream_meta'] as Doc)['source'] as Doc)['initialSync'];
const scanned = (out: Doc[]): Doc[] => out.filter((e) => phase(e) !== undefined);
const streamed = (out: Doc[]): Doc[] => out.filter((e) => phase(e) === undefined);
const collOf = (e: Doc): string => String((e['ns'] as Doc)['coll']);
const stateOf = (e: Doc): string => (e['operationType'] === 'delete' ? DELETED : String((e['fullDocument'] as Doc)['v']));
/** A stream event as [op, coll:id, state]. */
const brief = (e: Doc): [unknown, string, string] => [e['operationType'], keyOf(collOf(e), idOf(e)), stateOf(e)];
type Stats = { initialSync: Doc; targetStats: { coll: string; inputMessageCount: number; initialSync: { status: string; copiedDocs: number; estimatedDocs: number } }[] };
const statsOf = (run: PipelineRun): Stats => run.sourceOperatorStats() as unknown as Stats;
const status = (run: PipelineRun, coll: string): string | undefined => statsOf(run).targetStats.find((t) => t.coll === coll)?.initialSync.status;

/** A position as a restart sees it: through the checkpoint encoding. */
function roundTrip(position: Value): Value {
  const enc = encodeCheckpoint({ id: 1, time: 0, positions: { source: position }, tables: {} });
  return decodeCheckpoint(enc.sections).positions['source']!;
}

describe('change-stream initialSync (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('one collection: writes between scan batches are delivered exactly once, behind the scan as events, ahead of it in the scan', async () => {
    const db = uniqueName('isync');
    const coll = env.mongo.db(db).collection<{ _id: number; v: string }>('src');
    const h = new History();
    const n = 2 * SCAN_BATCH + 100;
    await coll.insertMany(Array.from({ length: n }, (_, i) => ({ _id: i, v: 'v0' })));
    for (let i = 0; i < n; i++) h.initial('src', i, 'v0');
    const set = async (id: number, v: string): Promise<void> => {
      await coll.updateOne({ _id: id }, { $set: { v } });
      h.wrote('src', id, v);
    };
    const add = async (id: number, v: string): Promise<void> => {
      await coll.insertOne({ _id: id, v });
      h.wrote('src', id, v);
    };
    const del = async (id: number): Promise<void> => {
      await coll.deleteOne({ _id: id });
      h.wrote('src', id, DELETED);
    };
    let round = 0;
    const { run, out } = syncRun(env, { db, coll: 'src', config: { fullDocument: 'updateLookup' }, initialSync: { enable: true } }, {
      onBatch: async (r) => {
        const copied = statsOf(r).targetStats[0]?.initialSync.copiedDocs ?? 0;
        if (round === 0 && copied === SCAN_BATCH) {
          round = 1; // _ids 0..511 are scanned
          await set(10, 'a1'); // behind the scan: its event
          await set(n - 50, 'a1'); // ahead: in the scan at a1, its event dropped
          await add(100_000, 'a1'); // ahead: in the scan
          await del(n - 10); // ahead: neither scanned nor its delete
          await del(20); // behind: its delete
          await add(-1, 'a1'); // behind (below the last _id): its insert
          await set(600, 'a1'); // ahead
        } else if (round === 1 && copied === 2 * SCAN_BATCH) {
          round = 2; // 512..1023 are scanned, 600 at a1
          await set(600, 'a2');
          await set(n - 50, 'a2');
          await set(10, 'a2');
          await add(100_001, 'a2');
          await del(-1);
        } else if (round === 2 && status(r, 'src') === 'completed') {
          round = 3; // after the scan: the stream
          await set(n - 50, 'a3');
          await add(100_002, 'a3');
        }
      },
    });
    const done = run.run();
    try {
      await waitFor(() => round === 3 && streamed(out).length >= 8, 'the scan and the eight change events', 120_000);
      assert.deepEqual(streamed(out).map(brief), [
        ['update', 'src:10', 'a1'], ['delete', 'src:20', DELETED], ['insert', 'src:-1', 'a1'],
        ['update', 'src:600', 'a2'], ['update', 'src:10', 'a2'], ['delete', 'src:-1', DELETED],
        ['update', `src:${n - 50}`, 'a3'], ['insert', 'src:100002', 'a3'],
      ]);
      const scan = scanned(out);
      const expected = [...Array.from({ length: n }, (_, i) => i).filter((i) => i !== n - 10), 100_000, 100_001];
      assert.deepEqual(scan.map(idOf), expected, 'every document once, in _id order');
      assert.ok(scan.every((e) => e['operationType'] === 'insert' && collOf(e) === 'src'));
      assert.deepEqual(phase(scan[0]!), { phase: 'in_progress' });
      assert.equal(stateOf(scan.find((e) => idOf(e) === n - 50)!), 'a2', 'scanned after its two updates');
      // Each batch's events come right after the batch that scanned their documents.
      const at = (id: Value): number => out.findIndex((e) => idOf(e) === id && phase(e) !== undefined);
      const firstEvent = out.indexOf(streamed(out)[0]!);
      assert.ok(at(511) < firstEvent && firstEvent < at(512));
      h.check(out);
      const actual = new Map((await coll.find({}).toArray()).map((d) => [keyOf('src', d._id), d.v]));
      assert.deepEqual([...h.finalState('src')].sort(), [...actual].sort());
      const ops = statsOf(run);
      assert.deepEqual(ops.initialSync, { estimatedDocs: n, copiedDocs: scan.length });
      assert.deepEqual(ops.targetStats.map((t) => [t.coll, t.initialSync.status, t.inputMessageCount]), [['src', 'completed', scan.length + 8]]);
    } finally {
      run.stop();
      await done;
      await env.mongo.db(db).dropDatabase();
    }
  });

  it('several collections in list order, through config.pipeline: a write to a collection not scanned yet is in its scan, to one scanned is an event', async () => {
    const db = uniqueName('isyncm');
    const d = env.mongo.db(db);
    const c = (name: string) => d.collection<{ _id: number; keep: boolean; v: string }>(name);
    const h = new History();
    const kept = (v: string): boolean => v.startsWith('k');
    const doc = (i: number, keep: boolean, gen: number) => ({ _id: i, keep, v: `${keep ? 'k' : 'x'}${gen}` });
    const bDocs = Array.from({ length: SCAN_BATCH + 88 }, (_, i) => doc(i, i % 3 === 0, 0));
    const aDocs = Array.from({ length: 20 }, (_, i) => doc(i, i % 2 === 0, 0));
    await c('b').insertMany(bDocs);
    await c('a').insertMany(aDocs);
    await c('other').insertOne(doc(1, true, 0));
    for (const x of bDocs) h.initial('b', x._id, x.v);
    for (const x of aDocs) h.initial('a', x._id, x.v);
    const set = async (coll: string, id: number, keep: boolean, gen: number): Promise<void> => {
      const x = doc(id, keep, gen);
      await c(coll).updateOne({ _id: id }, { $set: { keep, v: x.v } });
      h.wrote(coll, id, x.v);
    };
    const add = async (coll: string, id: number, keep: boolean, gen: number): Promise<void> => {
      const x = doc(id, keep, gen);
      await c(coll).insertOne(x);
      h.wrote(coll, id, x.v);
    };
    let round = 0;
    const source = { db, coll: ['b', 'a', 'missing'], config: { fullDocument: 'updateLookup', pipeline: [{ $match: { 'fullDocument.keep': true } }] }, initialSync: { enable: true, parallelism: 2 } };
    const { run, out } = syncRun(env, source, {
      onBatch: async (r) => {
        const b = statsOf(r).targetStats.find((t) => t.coll === 'b')!.initialSync;
        if (round === 0 && b.copiedDocs === SCAN_BATCH) {
          round = 1; // b's _ids 0..511 are scanned
          await add('a', 100, true, 1); // a is not scanned yet: in its scan
          await set('b', 3, true, 1); // scanned: its event
          await set('b', 4, true, 1); // scanned, filtered out then; passes now: its event
          await set('b', 6, false, 1); // scanned; the filter drops its event
          await set('b', 597, true, 1); // not scanned yet: in the scan
          await c('other').insertOne(doc(2, true, 1)); // not a source collection
          await add('a', 101, false, 1); // filtered out
        } else if (round === 1 && status(r, 'b') === 'completed' && status(r, 'a') === 'pending') {
          round = 2;
          await add('b', 1000, true, 2);
          await set('a', 2, true, 2);
          await set('a', 4, false, 2);
        } else if (round === 2 && status(r, 'a') === 'completed') {
          round = 3;
          await set('a', 0, true, 3);
          await set('b', 0, true, 3);
        }
      },
    });
    const done = run.run();
    try {
      await waitFor(() => round === 3 && streamed(out).length >= 5, 'both scans and the five events', 120_000);
      assert.deepEqual(streamed(out).map(brief), [
        ['update', 'b:3', 'k1'], ['update', 'b:4', 'k1'], ['insert', 'b:1000', 'k2'], ['update', 'a:0', 'k3'], ['update', 'b:0', 'k3'],
      ]);
      const key = (e: Doc): string => keyOf(collOf(e), idOf(e));
      assert.deepEqual(scanned(out).map(key), [
        ...bDocs.filter((x) => x.keep).map((x) => `b:${x._id}`),
        ...aDocs.filter((x) => x.keep && x._id !== 4).map((x) => `a:${x._id}`),
        'a:100',
      ]);
      h.check(out, (_coll, v) => v === DELETED || kept(v));
      assert.deepEqual(statsOf(run).targetStats.map((t) => [t.coll, t.initialSync]), [
        ['b', { estimatedDocs: SCAN_BATCH + 88, copiedDocs: SCAN_BATCH + 88, status: 'completed' }],
        ['a', { estimatedDocs: 20, copiedDocs: 22, status: 'completed' }],
        ['missing', { estimatedDocs: 0, copiedDocs: 0, status: 'completed' }],
      ]);
    } finally {
      run.stop();
      await done;
      await d.dropDatabase();
    }
  });

  it('resumes mid-scan from a checkpoint position: writes made while stopped are delivered exactly once, and a completed sync never runs again', async () => {
    const db = uniqueName('isyncr');
    const coll = env.mongo.db(db).collection<{ _id: ObjectId; v: string }>('src');
    const h = new History();
    const ids = Array.from({ length: SCAN_BATCH + 40 }, () => new ObjectId());
    await coll.insertMany(ids.map((_id) => ({ _id, v: 'v0' })));
    for (const id of ids) h.initial('src', id, 'v0');
    ids.sort((x, y) => x.toHexString().localeCompare(y.toHexString()));
    // First run: stop after the first batch, as a checkpoint would find it.
    let cut: Value;
    const first = syncRun(env, { db, coll: 'src', config: { fullDocument: 'updateLookup' }, initialSync: { enable: true } }, {
      onBatch: (r) => {
        if (cut !== undefined || first.out.length === 0) return;
        cut = r.snapshot().position;
        r.stop();
      },
    });
    await first.run.run();
    const pos = roundTrip(cut) as { initialSync: { targets: { lastId: ObjectId; status: string }[] } };
    assert.equal(first.out.length, SCAN_BATCH);
    assert.equal(pos.initialSync.targets[0]!.lastId.toHexString(), ids[SCAN_BATCH - 1]!.toHexString());
    // Written while nothing ran, after the cut.
    const write = async (id: ObjectId, v: string): Promise<void> => {
      if (v === DELETED) await coll.deleteOne({ _id: id });
      else if ((await coll.updateOne({ _id: id }, { $set: { v } })).matchedCount === 0) await coll.insertOne({ _id: id, v });
      h.wrote('src', id, v);
    };
    const early = ObjectId.createFromTime(1);
    const late = new ObjectId();
    await write(ids[3]!, 'b1'); // scanned: its event
    await write(ids[SCAN_BATCH + 5]!, 'b1'); // not scanned: in the scan
    await write(ids[SCAN_BATCH + 6]!, DELETED); // not scanned: neither
    await write(late, 'b1'); // ahead of the scan: in it
    await write(early, 'b1'); // behind it: its event
    const second = syncRun(env, { db, coll: 'src', config: { fullDocument: 'updateLookup' }, initialSync: { enable: true } });
    second.run.restoreFrom({ position: roundTrip(cut), tables: {}, watermark: -Infinity });
    const done2 = second.run.run();
    let completed: Value;
    try {
      await waitFor(() => status(second.run, 'src') === 'completed' && streamed(second.out).length >= 2, 'the rest of the scan and two events', 120_000);
      const hex = (x: ObjectId): string => x.toHexString();
      const rest = [...ids.slice(SCAN_BATCH).filter((x) => x !== ids[SCAN_BATCH + 6]), late].map(hex).sort();
      assert.deepEqual(scanned(second.out).map((e) => hex(idOf(e) as ObjectId)), rest, 'the scan resumed after the last _id');
      assert.equal(stateOf(scanned(second.out).find((e) => hex(idOf(e) as ObjectId) === hex(ids[SCAN_BATCH + 5]!))!), 'b1');
      assert.deepEqual(streamed(second.out).map((e) => [keyOf('src', idOf(e)), stateOf(e)]), [[keyOf('src', ids[3]!), 'b1'], [keyOf('src', early), 'b1']]);
      h.check([...first.out, ...second.out]);
      completed = second.run.snapshot().position;
    } finally {
      second.run.stop();
      await done2;
    }
    assert.equal((completed as { initialSync: { done: boolean } }).initialSync.done, true);
    const after = new ObjectId();
    await coll.insertOne({ _id: after, v: 'c1' });
    const third = syncRun(env, { db, coll: 'src', initialSync: { enable: true } });
    third.run.restoreFrom({ position: roundTrip(completed), tables: {}, watermark: -Infinity });
    const done3 = third.run.run();
    try {
      await waitFor(() => third.out.length >= 1, 'the insert made after the sync completed', 120_000);
      assert.deepEqual(third.out.map((e) => [phase(e), stateOf(e)]), [[undefined, 'c1']], 'no scan after a completed sync');
    } finally {
      third.run.stop();
      await done3;
      await env.mongo.db(db).dropDatabase();
    }
  });

  it('fails, naming the collection, when _ids are not all ObjectIds or all int/long', async () => {
    const db = uniqueName('isyncid');
    const d = env.mongo.db(db);
    await d.collection('mixed').insertMany([{ _id: 1 as never }, { _id: new ObjectId() }]);
    await d.collection('strings').insertMany([{ _id: 'a' as never }, { _id: 'b' as never }]);
    try {
      const mixed = syncRun(env, { db, coll: 'mixed', initialSync: { enable: true } });
      await assert.rejects(mixed.run.run(), (e: Error) => e.message === `initialSync of ${db}.mixed needs every _id to be an ObjectId, or every _id an int or long; found _ids of types int/long and objectId`);
      const strings = syncRun(env, { db, coll: 'strings', initialSync: { enable: true } });
      await assert.rejects(strings.run.run(), (e: Error) => e.message.endsWith('found string _ids'));
    } finally {
      await d.dropDatabase();
    }
  });
});
