/**
 * `$merge.parallelism` against a real MongoDB-wire server: N lanes of writes in flight at once,
 * routed by the `on` values, with the same results as parallelism 1, per-key order kept, and
 * per-document DLQ behaviour unchanged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPipelineText } from '../../engine/pipeline/run';
import type { Doc } from '../../engine/core/types';
import type { CollectionTarget } from '../../engine/io/target';
import { setup, uniqueName, type IntegrationEnv } from './helpers';

describe('$merge parallelism (real server)', () => {
  let env: IntegrationEnv;
  let inFlight = 0;
  let maxInFlight = 0;
  before(async () => {
    env = await setup();
    // Count concurrent bulk writes as they reach the server.
    const collection = env.services.collection.bind(env.services);
    env.services.collection = (name, db, coll): CollectionTarget => {
      const t = collection(name, db, coll);
      const bulkWrite = t.bulkWrite.bind(t);
      return Object.assign(Object.create(t) as CollectionTarget, {
        async bulkWrite(ops: Parameters<CollectionTarget['bulkWrite']>[0]) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            return await bulkWrite(ops);
          } finally {
            inFlight--;
          }
        },
      });
    };
  });
  after(async () => {
    await env?.close();
  });

  const run = (stage: Doc, docs: Doc[]) => {
    maxInFlight = 0;
    return runPipelineText(JSON.stringify({ name: 'mp', pipeline: [{ $source: { documents: docs } }, { $project: { _ts: 0, _stream_meta: 0 } }, stage] }), {
      connections: env.registry, services: env.services, processorName: 'mp', projectStreamMeta: false,
    });
  };
  const sorted = async (db: string, coll: string) => env.mongo.db(db).collection<Doc & { _id: number }>(coll).find().sort({ _id: 1 }).toArray();

  it('gives the same collection as parallelism 1, with several writes to one key in a batch kept in order', async () => {
    const db = uniqueName('db');
    // 40 keys, each written 10 times in one batch: the last write of each key must win.
    const docs = Array.from({ length: 400 }, (_, i) => ({ _id: i % 40, i, [`f${i % 3}`]: i }));
    for (const [coll, parallelism] of [['seq', 1], ['par', 4]] as const) {
      const r = await run({ $merge: { into: { connectionName: 'cluster1', db, coll }, parallelism } }, docs);
      assert.deepEqual(r.dlq, []);
      assert.equal(maxInFlight, parallelism, `${parallelism} bulk write(s) in flight at once`);
    }
    const seq = await sorted(db, 'seq');
    assert.equal(seq.length, 40);
    assert.deepEqual(await sorted(db, 'par'), seq);
    for (const d of seq) assert.equal(d['i'], 360 + d._id);
  });

  it('keeps per-key order for read-modify-write (pipeline whenMatched) and custom `on` fields', async () => {
    const db = uniqueName('db');
    const coll = env.mongo.db(db).collection<Doc & { _id: number }>('log');
    await coll.createIndex({ k: 1 }, { unique: true });
    const docs = Array.from({ length: 60 }, (_, i) => ({ _id: i, k: `key${i % 6}`, seen: [i] }));
    const r = await run({
      $merge: {
        into: { connectionName: 'cluster1', db, coll: 'log' }, on: 'k', parallelism: 3,
        whenMatched: [{ $set: { seen: { $concatArrays: ['$seen', '$$new.seen'] } } }],
      },
    }, docs);
    assert.deepEqual(r.dlq, []);
    const out = await coll.find().sort({ k: 1 }).toArray();
    assert.equal(out.length, 6);
    for (const [j, d] of out.entries()) assert.deepEqual(d['seen'], Array.from({ length: 10 }, (_, n) => j + 6 * n), `appends for ${String(d['k'])} in input order`);
    assert.ok(maxInFlight >= 2 && maxInFlight <= 3, `lanes in flight: ${maxInFlight}`);
  });

  it('sends only the refused documents to the DLQ and writes the rest of every lane', async () => {
    const db = uniqueName('db');
    const coll = env.mongo.db(db).collection<Doc & { _id: number }>('u');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ _id: 1000, email: 'taken@x' });
    const docs = Array.from({ length: 50 }, (_, i) => ({ _id: i, email: i % 10 === 5 ? 'taken@x' : `u${i}@x` }));
    const r = await run({ $merge: { into: { connectionName: 'cluster1', db, coll: 'u' }, parallelism: 4 } }, docs);
    const dead = (r.dlq as { operatorName: string; errInfo: { reason: string }; doc: Doc }[]);
    assert.deepEqual(dead.map((d) => d.doc['_id']).sort((a, b) => Number(a) - Number(b)), [5, 15, 25, 35, 45]);
    for (const d of dead) {
      assert.equal(d.operatorName, 'MergeOperator');
      assert.match(d.errInfo.reason, /^Failed to process an input document in the current batch in MergeOperator with error: code = DuplicateKey, reason = /);
    }
    assert.equal(await coll.countDocuments(), 46);
  });
});
