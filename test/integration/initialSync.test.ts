/**
 * `$source.initialSync` against the real MongoDB-wire server: the scan hands out every document
 * as an insert event in `_id` order, then the change stream runs from the position taken before
 * the scan, so writes made during the scan arrive as events (no gap) and nothing written before
 * the start comes again (no duplicate from the handover). Multi-collection syncs go in list order
 * through the source's `config.pipeline`; a restored position resumes mid-scan after the last
 * `_id`; a completed sync never runs again; `_id`s Atlas cannot sync fail the run, naming the
 * collection. Atlas does not de-duplicate a document the scan copied after it was written during
 * the scan (its docs say a sync may redeliver), so neither does the local engine.
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

// mongo-java-server's update events carry the $set delta as documentKey (docs/parity.md): use fullDocument there.
const idOf = (e: Doc): Value => (e['documentKey'] as Doc)['_id'] ?? (e['fullDocument'] as Doc | undefined)?.['_id'];
const phase = (e: Doc): unknown => ((e['_stream_meta'] as Doc)['source'] as Doc)['initialSync'];
const scanned = (out: Doc[]): Doc[] => out.filter((e) => phase(e) !== undefined);
const streamed = (out: Doc[]): Doc[] => out.filter((e) => phase(e) === undefined);

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

  it('scans, then streams from the position taken before the scan: writes during the scan arrive, nothing before the start comes again', async () => {
    const db = uniqueName('isync');
    const coll = env.mongo.db(db).collection<{ _id: number; v: string }>('src');
    const n = 2 * SCAN_BATCH + 100;
    await coll.insertMany(Array.from({ length: n }, (_, i) => ({ _id: i, v: 'v1' })));
    let wrote = false;
    const { run, out } = syncRun(env, { db, coll: 'src', config: { fullDocument: 'updateLookup' }, initialSync: { enable: true } }, {
      // Between the first and the second scan batch: one write behind the scan, three ahead of it.
      onBatch: async () => {
        if (wrote || out.length === 0) return;
        wrote = true;
        await coll.updateOne({ _id: 10 }, { $set: { v: 'v2' } });
        await coll.updateOne({ _id: n - 50 }, { $set: { v: 'v2' } });
        await coll.insertOne({ _id: 100_000, v: 'new' });
        await coll.deleteOne({ _id: n - 10 });
      },
    });
    const done = run.run();
    try {
      await waitFor(() => streamed(out).length >= 4, 'the scan and the four change events', 120_000);
      const scan = scanned(out);
      const stream = streamed(out);
      // The scan: every document present when its batch was read, once, in _id order, as inserts.
      const expected = [...Array.from({ length: n }, (_, i) => i).filter((i) => i !== n - 10), 100_000];
      assert.deepEqual(scan.map(idOf), expected);
      assert.ok(scan.every((e) => e['operationType'] === 'insert' && (e['ns'] as Doc)['coll'] === 'src'));
      assert.deepEqual(phase(scan[0]!), { phase: 'in_progress' });
      assert.equal((scan.find((e) => idOf(e) === 10)!['fullDocument'] as Doc)['v'], 'v1', 'scanned before its update');
      assert.equal((scan.find((e) => idOf(e) === n - 50)!['fullDocument'] as Doc)['v'], 'v2', 'scanned after its update');
      // The stream: exactly the writes made after the start, in order; the start's inserts never come again.
      assert.deepEqual(stream.map((e) => [e['operationType'], idOf(e)]), [['update', 10], ['update', n - 50], ['insert', 100_000], ['delete', n - 10]]);
      assert.equal(scan.length + stream.length, out.length, 'the scan came first, then the stream');
      assert.ok(out.slice(0, scan.length).every((e) => phase(e) !== undefined));
      // No gap: folding the events gives the collection as it is.
      const state = new Map<Value, Value>();
      for (const e of out) {
        if (e['operationType'] === 'delete') state.delete(idOf(e));
        else state.set(idOf(e), (e['fullDocument'] as Doc)['v']);
      }
      const actual = new Map((await coll.find({}).toArray()).map((d) => [d._id as Value, d.v as Value]));
      assert.deepEqual([...state].sort(), [...actual].sort());
      const ops = run.sourceOperatorStats() as { initialSync: Doc; targetStats: Doc[] };
      assert.deepEqual(ops.initialSync, { estimatedDocs: n, copiedDocs: n });
      assert.deepEqual(ops.targetStats.map((t) => [t['db'], t['coll'], (t['initialSync'] as Doc)['status'], t['inputMessageCount']]), [[db, 'src', 'completed', n + 4]]);
    } finally {
      run.stop();
      await done;
      await env.mongo.db(db).dropDatabase();
    }
  });

  it('several collections in list order, through config.pipeline, then one stream over the list', async () => {
    const db = uniqueName('isyncm');
    const d = env.mongo.db(db);
    const c = (name: string) => d.collection<{ _id: number; keep: boolean }>(name);
    await c('b').insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: i, keep: i % 3 === 0 })));
    await c('a').insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, keep: i % 2 === 0 })));
    await c('other').insertOne({ _id: 1, keep: true });
    let wrote = false;
    const { run, out } = syncRun(env, { db, coll: ['b', 'a', 'missing'], config: { pipeline: [{ $match: { 'fullDocument.keep': true } }] }, initialSync: { enable: true, parallelism: 2 } }, {
      onBatch: async () => {
        if (wrote || out.length === 0) return;
        wrote = true;
        // While b is scanned: a's document arrives in a's scan and as an event; the others only as events.
        await c('a').insertOne({ _id: 100, keep: true });
        await c('b').insertOne({ _id: 100, keep: true });
        await c('other').insertOne({ _id: 2, keep: true });
        await c('a').insertOne({ _id: 101, keep: false });
      },
    });
    const done = run.run();
    try {
      await waitFor(() => streamed(out).length >= 2, 'both scans and the events', 120_000);
      const key = (e: Doc): string => `${(e['ns'] as Doc)['coll'] as string}:${String(idOf(e))}`;
      // b's next batch finds b:100; a is scanned after, with a:100 (a:101 is filtered out).
      assert.deepEqual(scanned(out).map(key), [
        ...Array.from({ length: 10 }, (_, i) => `b:${i * 3}`),
        'b:100',
        ...Array.from({ length: 10 }, (_, i) => `a:${i * 2}`),
        'a:100',
      ]);
      assert.deepEqual(streamed(out).map(key), ['a:100', 'b:100']);
      const ops = run.sourceOperatorStats() as { targetStats: Doc[] };
      assert.deepEqual(ops.targetStats.map((t) => [t['coll'], t['initialSync']]), [
        ['b', { estimatedDocs: 30, copiedDocs: 31, status: 'completed' }],
        ['a', { estimatedDocs: 20, copiedDocs: 22, status: 'completed' }],
        ['missing', { estimatedDocs: 0, copiedDocs: 0, status: 'completed' }],
      ]);
    } finally {
      run.stop();
      await done;
      await d.dropDatabase();
    }
  });

  it('a restored position resumes mid-scan after the last _id, and a completed sync never runs again', async () => {
    const db = uniqueName('isyncr');
    const coll = env.mongo.db(db).collection<{ _id: ObjectId; i: number }>('src');
    const ids = Array.from({ length: SCAN_BATCH + 40 }, () => new ObjectId());
    await coll.insertMany(ids.map((_id, i) => ({ _id, i })));
    ids.sort((x, y) => x.toHexString().localeCompare(y.toHexString()));
    // First run: stop after the first batch, as a checkpoint would find it.
    let cut: Value;
    const first = syncRun(env, { db, coll: 'src', initialSync: { enable: true } }, {
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
    // Written while nothing ran: after the cut, so it comes as an event (and, being new, in the scan too).
    const late = new ObjectId();
    await coll.insertOne({ _id: late, i: -1 });
    const second = syncRun(env, { db, coll: 'src', initialSync: { enable: true } });
    second.run.restoreFrom({ position: roundTrip(cut), tables: {}, watermark: -Infinity });
    const done2 = second.run.run();
    let completed: Value;
    try {
      await waitFor(() => streamed(second.out).length >= 1, 'the rest of the scan and the late insert', 120_000);
      const rest = scanned(second.out).map((e) => (idOf(e) as ObjectId).toHexString());
      const after = [...ids.slice(SCAN_BATCH), late].map((x) => x.toHexString()).sort();
      assert.deepEqual(rest, after, 'the scan resumed after the last _id');
      assert.deepEqual(streamed(second.out).map((e) => (idOf(e) as ObjectId).toHexString()), [late.toHexString()]);
      completed = second.run.snapshot().position;
    } finally {
      second.run.stop();
      await done2;
    }
    assert.equal((completed as { initialSync: { done: boolean } }).initialSync.done, true);
    await coll.insertOne({ _id: new ObjectId(), i: -2 });
    const third = syncRun(env, { db, coll: 'src', initialSync: { enable: true } });
    third.run.restoreFrom({ position: roundTrip(completed), tables: {}, watermark: -Infinity });
    const done3 = third.run.run();
    try {
      await waitFor(() => third.out.length >= 1, 'the insert made after the sync completed', 120_000);
      assert.deepEqual(third.out.map((e) => [phase(e), (e['fullDocument'] as Doc)['i']]), [[undefined, -2]], 'no scan after a completed sync');
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
