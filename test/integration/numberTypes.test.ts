/**
 * BSON number types survive the whole path to a real MongoDB-wire server: what $merge writes
 * is read back with the driver's type-preserving option (`promoteValues: false`) and with the
 * server's own `$type` query, and a $lookup and a change stream hand the stored types back unchanged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Double, Int32, Long } from 'bson';
import { PipelineRun, runPipelineText } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { typeName } from '../../engine/bson/types';
import type { Doc } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';

/** BSON type of a raw value read with promoteValues: false. */
function rawType(v: unknown): string {
  if (v instanceof Double) return 'double';
  if (v instanceof Int32) return 'int';
  if (v instanceof Long) return 'long';
  return typeof v;
}

describe('number types through MongoDB (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('$merge writes a double where MongoDB computes one: JSON "24.0", $divide, $avg, and int32 overflow as a long', async () => {
    const db = uniqueName('db');
    // Written by hand: JSON.stringify would print 24.0 as 24.
    const text = `{"name":"types","pipeline":[
      {"$source":{"documents":[{"_id":1,"a":24.0,"b":24,"c":{"$numberDouble":"5.0"},"big":3000000000}]}},
      {"$addFields":{"q":{"$divide":[6,3]},"avg":{"$avg":[2,4]},"over":{"$add":[2147483647,1]},"prod":{"$multiply":[2,2.5]}}},
      {"$merge":{"into":{"connectionName":"cluster1","db":"${db}","coll":"t"}}}]}`;
    const r = await runPipelineText(text, { connections: env.registry, services: env.services, processorName: 'types', projectStreamMeta: false });
    assert.deepEqual(r.dlq, []);
    const coll = env.mongo.db(db).collection<Doc>('t');
    const raw = (await coll.findOne({ _id: 1 } as Doc, { promoteValues: false }))!;
    const types = Object.fromEntries(['a', 'b', 'c', 'big', 'q', 'avg', 'over', 'prod'].map((k) => [k, rawType(raw[k])]));
    assert.deepEqual(types, { a: 'double', b: 'int', c: 'double', big: 'long', q: 'double', avg: 'double', over: 'long', prod: 'double' });
    assert.equal((raw['q'] as Double).value, 2);
    assert.equal((raw['over'] as Long).toString(), '2147483648');
    // The server's own view of the stored types (mongo-java-server has the query $type, not the
    // aggregation one, nor collection validators).
    assert.equal(await coll.countDocuments({ a: { $type: 'double' }, b: { $type: 'int' }, q: { $type: 'double' }, avg: { $type: 'double' }, over: { $type: 'long' } }), 1);
    assert.equal(await coll.countDocuments({ q: { $type: 'int' } }), 0);
  });

  it('$lookup and a change stream read stored doubles, ints and longs back with their types', async () => {
    const db = uniqueName('db');
    const dev = env.mongo.db(db).collection<Doc>('devices');
    await dev.insertOne({ _id: 'd1', d: new Double(5), i: 5, l: Long.fromNumber(5) } as Doc);
    const docs = '[{"device":"d1"}]';
    const r = await runPipelineText(`[{"$source":{"documents":${docs}}},{"$lookup":{"from":{"connectionName":"cluster1","db":"${db}","coll":"devices"},"localField":"device","foreignField":"_id","as":"j"}},{"$project":{"_id":0,"j":1}}]`, {
      connections: env.registry, services: env.services, projectStreamMeta: false,
    });
    const j = ((r.docs[0]!['j'] as Doc[])[0])!;
    assert.deepEqual([typeName(j['d']), typeName(j['i']), typeName(j['l'])], ['double', 'int', 'long']);

    const text = JSON.stringify({
      name: 'cs',
      pipeline: [
        { $source: { connectionName: 'cluster1', db, coll: 'readings', config: { fullDocument: 'updateLookup', fullDocumentOnly: true } } },
        { $project: { _id: 1, d: 1, i: 1, td: { $type: '$d' }, ti: { $type: '$i' } } },
        { $merge: { into: { connectionName: 'cluster1', db, coll: 'copy' } } },
      ],
    });
    const a = analyzeText(text, { connections: env.registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const run = new PipelineRun(a.processor!, a.validated!, { connections: env.registry, services: env.services, processorName: 'cs', processorId: uniqueName('p'), ephemeral: false });
    const done = run.run();
    const out = env.mongo.db(db).collection<Doc>('copy');
    try {
      await waitFor(() => run.sourceStats()['changeStreamState'] !== undefined, 'the change stream to open');
      await env.mongo.db(db).collection<Doc>('readings').insertOne({ _id: 1, d: new Double(7), i: 7 } as Doc);
      await waitFor(async () => (await out.countDocuments()) === 1, 'the reading copied');
      const copy = (await out.findOne({ _id: 1 } as Doc, { promoteValues: false }))!;
      assert.deepEqual([rawType(copy['d']), rawType(copy['i']), copy['td'], copy['ti']], ['double', 'int', 'double', 'int']);
    } finally {
      run.stop();
    }
    assert.equal(await done, 'stopped');
  });
});
