/**
 * $cachedLookup against a real MongoDB-wire server: the join, one query per batch for its
 * misses with repeats counted as hits, and cached answers until the TTL passes on an injected
 * clock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../engine/pipeline/analyze';
import { PipelineRun } from '../../engine/pipeline/run';
import { ManualClock } from '../../engine/core/clock';
import type { Doc } from '../../engine/core/types';
import type { Operator } from '../../engine/core/operator';
import { chainStagesOf, StageProbe } from '../../engine/runtime/stageProbe';
import { operatorStats } from '../../engine/runtime/operatorStats';
import { setup, uniqueName, type IntegrationEnv } from './helpers';

describe('$cachedLookup (real MongoDB-wire server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('joins like $lookup, fetching each key once per batch', async () => {
    const db = uniqueName('db');
    await env.mongo.db(db).collection<Doc>('rooms').insertMany([{ _id: 'A', floor: 1 } as Doc, { _id: 'B', floor: 2 } as Doc]);
    const stage = { $cachedLookup: { ttl: { size: 1, unit: 'hour' }, from: { connectionName: 'cluster1', db, coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'info' } };
    const pipeline = [{ $source: { documents: ['A', 'B', 'A', 'A', 'Z'].map((room) => ({ room })) } }, { $project: { _ts: 0 } }, stage];
    const a = analyzeText(JSON.stringify(pipeline), { connections: env.registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const clock = new ManualClock(0);
    const probe = new StageProbe(chainStagesOf(a.validated!), () => clock.now());
    const out: Doc[] = [];
    const run = new PipelineRun(a.processor!, a.validated!, { connections: env.registry, services: env.services, clock, probe, projectStreamMeta: false, onOutput: (d) => void out.push(d) });
    await run.run();
    assert.deepEqual(out.map((d) => [d['room'], (d['info'] as Doc[]).map((x) => x['floor'])]), [['A', [1]], ['B', [2]], ['A', [1]], ['A', [1]], ['Z', []]]);
    const st = operatorStats({ pipeline, registry: env.registry, run: run.stats, probe, outputBytes: 0, stateSize: 0, now: 0 })[2]!;
    assert.equal(st['cacheMissCount'], 3);
    assert.equal(st['cacheHitCount'], 2);
  });

  it('answers from the cache until the TTL passes, then queries the server again', async () => {
    const db = uniqueName('db');
    const rooms = env.mongo.db(db).collection<Doc>('rooms');
    await rooms.insertOne({ _id: 'A', floor: 1 } as Doc);
    const text = JSON.stringify([{ $source: { documents: [] } }, { $cachedLookup: { ttl: { size: 30, unit: 'second' }, from: { connectionName: 'cluster1', db, coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'info' } }]);
    const a = analyzeText(text, { connections: env.registry });
    const parsed = a.validated!.stages[1]!;
    const clock = new ManualClock(0);
    const out: Doc[] = [];
    const op = parsed.spec.create!(parsed.config, { clock, slotCount: a.validated!.compiler.slotCount, dlq: () => assert.fail('no DLQ'), processorName: 't', services: env.services }, (d) => void out.push(d)) as Operator;
    const floor = async (): Promise<unknown> => {
      op.push({ room: 'A' }, { ts: 0, source: {} });
      await op.drain!();
      return ((out.at(-1)!['info'] as Doc[])[0]!)['floor'];
    };
    assert.equal(await floor(), 1);
    await rooms.updateOne({ _id: 'A' } as Doc, { $set: { floor: 5 } });
    clock.advance(29_999);
    assert.equal(await floor(), 1, 'cached');
    clock.advance(1);
    assert.equal(await floor(), 5, 'expired: the server is asked again');
  });
});
