/** Change stream -> $merge, $lookup and $merge failures against a real MongoDB-wire server. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PipelineRun, runPipelineText } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import type { Doc } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';

describe('MongoDB change streams, $merge and $lookup (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('streams inserts and updates from a change stream into another collection with $merge', async () => {
    const db = uniqueName('db');
    const src = env.mongo.db(db).collection<{ _id: number | string; [k: string]: unknown }>('orders');
    const out = env.mongo.db(db).collection<{ _id: number | string; [k: string]: unknown }>('copy');
    const text = JSON.stringify({
      name: 'cs',
      pipeline: [
        { $source: { connectionName: 'cluster1', db, coll: 'orders', config: { fullDocument: 'updateLookup', fullDocumentOnly: true } } },
        { $project: { _stream_meta: 0 } },
        { $merge: { into: { connectionName: 'cluster1', db, coll: 'copy' }, whenMatched: 'replace' } },
      ],
    });
    const a = analyzeText(text, { connections: env.registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const run = new PipelineRun(a.processor!, a.validated!, { connections: env.registry, services: env.services, processorName: 'cs', processorId: uniqueName('p'), ephemeral: false });
    const done = run.run();
    try {
      // The stream starts "now": write once it is open.
      await waitFor(() => run.sourceStats()['changeStreamState'] !== undefined, 'the change stream to open');
      await src.insertMany([{ _id: 1, qty: 1 }, { _id: 2, qty: 2 }]);
      await src.updateOne({ _id: 1 }, { $set: { qty: 10 } });
      await waitFor(async () => {
        const docs = await out.find().sort({ _id: 1 }).toArray();
        return docs.length === 2 && docs[0]!['qty'] === 10 && docs[1]!['qty'] === 2;
      }, 'both orders copied with the update applied');
      const one = (await out.findOne({ _id: 1 }))!;
      assert.ok(one['_ts'] instanceof Date, 'event time from wallTime');
      assert.ok(run.stats.inputMessageCount >= 3);
    } finally {
      run.stop();
    }
    assert.equal(await done, 'stopped');
    assert.ok(run.snapshot().position, 'the resume token is the position');
  });

  it('$merge: modes, on fields, and per-document write failures to the DLQ', async () => {
    const db = uniqueName('db');
    const coll = env.mongo.db(db).collection<{ _id: number | string; [k: string]: unknown }>('t');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([{ _id: 1, email: 'a@x', n: 1, keep: true }, { _id: 2, email: 'b@x', n: 2 }]);
    const run = (stage: Doc, docs: Doc[]) =>
      runPipelineText(JSON.stringify({ name: 'm', pipeline: [{ $source: { documents: docs } }, { $project: { _ts: 0, _stream_meta: 0 } }, stage] }), {
        connections: env.registry, services: env.services, processorName: 'm', projectStreamMeta: false,
      });
    const into = { connectionName: 'cluster1', db, coll: 't' };
    let r = await run({ $merge: { into } }, [{ _id: 1, n: 10 }, { _id: 3, email: 'c@x', n: 3 }]);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(await coll.findOne({ _id: 1 }), { _id: 1, email: 'a@x', n: 10, keep: true });
    assert.deepEqual(await coll.findOne({ _id: 3 }), { _id: 3, email: 'c@x', n: 3 });
    r = await run({ $merge: { into, on: 'email', whenMatched: 'replace', whenNotMatched: 'discard' } }, [{ email: 'b@x', n: 20 }, { email: 'z@x', n: 0 }]);
    assert.deepEqual(await coll.findOne({ email: 'b@x' }), { _id: 2, email: 'b@x', n: 20 });
    assert.equal(await coll.countDocuments({ email: 'z@x' }), 0);
    r = await run({ $merge: { into, whenMatched: 'keepExisting' } }, [{ _id: 3, n: 99 }, { _id: 4, email: 'd@x', n: 4 }]);
    assert.equal((await coll.findOne({ _id: 3 }))!['n'], 3);
    assert.equal((await coll.findOne({ _id: 4 }))!['n'], 4);
    r = await run({ $merge: { into, whenMatched: { $cond: { if: '$gone', then: 'delete', else: 'merge' } } } }, [{ _id: 4, gone: true }, { _id: 3, n: 33 }]);
    assert.equal(await coll.countDocuments({ _id: 4 }), 0);
    assert.equal((await coll.findOne({ _id: 3 }))!['n'], 33);
    // A duplicate email is refused by the unique index: that document goes to the DLQ, the
    // rest of the batch (before and after it) is written.
    r = await run({ $merge: { into } }, [{ _id: 10, email: 'x1' }, { _id: 11, email: 'a@x' }, { _id: 12, email: 'x2' }]);
    assert.equal(r.dlq.length, 1);
    const rec = r.dlq[0] as { errInfo: { reason: string }; operatorName: string; doc: Doc };
    assert.equal(rec.operatorName, 'MergeOperator');
    assert.match(rec.errInfo.reason, /^Failed to process an input document in the current batch in MergeOperator with error: code = DuplicateKey, reason = /);
    assert.equal(rec.doc['_id'], 11);
    assert.equal(await coll.countDocuments({ _id: { $in: [10, 12] } }), 2);
    // Dynamic targets: a non-string collection name is a namespace error, to the DLQ.
    r = await run({ $merge: { into: { connectionName: 'cluster1', db, coll: '$target' } } }, [{ _id: 1, target: 'dyn' }, { _id: 2, target: 5 }]);
    assert.equal(await env.mongo.db(db).collection('dyn').countDocuments(), 1);
    assert.equal(r.dlq.length, 1);
    assert.match((r.dlq[0] as { errInfo: { reason: string } }).errInfo.reason, /^Failed to evaluate target namespace in MergeOperator with error: /);
  });

  it('$lookup: equality, let/pipeline and concise forms', async () => {
    const db = uniqueName('db');
    await env.mongo.db(db).collection<{ _id: number | string; [k: string]: unknown }>('devices').insertMany([
      { _id: 'd1', room: 'A', tags: ['x'] },
      { _id: 'd2', room: 'B', tags: ['y'] },
      { _id: 'd3', room: 'A', tags: ['y'] },
    ]);
    const from = { connectionName: 'cluster1', db, coll: 'devices' };
    const docs = [{ device: 'd1', room: 'A' }, { device: 'nope', room: 'C' }];
    const run = (stage: Doc) =>
      runPipelineText(JSON.stringify([{ $source: { documents: docs } }, stage, { $project: { _id: 0, device: 1, j: 1 } }]), { connections: env.registry, services: env.services, projectStreamMeta: false });
    let r = await run({ $lookup: { from, localField: 'device', foreignField: '_id', as: 'j' } });
    assert.deepEqual(r.docs, [{ device: 'd1', j: [{ _id: 'd1', room: 'A', tags: ['x'] }] }, { device: 'nope', j: [] }]);
    r = await run({ $lookup: { from, let: { r: '$room' }, pipeline: [{ $match: { $expr: { $eq: ['$room', '$$r'] } } }, { $project: { _id: 1 } }], as: 'j' } });
    assert.deepEqual(r.docs.map((d) => (d['j'] as Doc[]).map((x) => x['_id']).sort()), [['d1', 'd3'], []]);
    r = await run({ $lookup: { from, localField: 'room', foreignField: 'room', let: { t: 'y' }, pipeline: [{ $match: { $expr: { $in: ['$$t', '$tags'] } } }], as: 'j' } });
    assert.deepEqual(r.docs.map((d) => (d['j'] as Doc[]).map((x) => x['_id'])), [['d3'], []]);
  });
});
