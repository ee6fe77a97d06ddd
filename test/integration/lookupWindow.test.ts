/**
 * A window right after `$lookup` / `$cachedLookup` on a real MongoDB-wire server: those
 * operators answer a batch in drain(), after the run loop moved the watermark past the batch's
 * event times. The watermark waits behind the buffered documents, so each one is counted in its
 * pane and none arrives late.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPipelineText } from '../../engine/pipeline/run';
import { ManualClock } from '../../engine/core/clock';
import type { Doc } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';

const T0 = Date.UTC(2024, 0, 1);

describe('a window after a lookup on MongoDB (real MongoDB-wire server)', () => {
  let env: IntegrationEnv;
  let db: string;
  before(async () => {
    env = await setup();
    db = uniqueName('db');
    await env.mongo.db(db).collection<Doc>('rooms').insertMany([{ _id: 'A', floor: 1 } as Doc, { _id: 'B', floor: 2 } as Doc]);
  });
  after(async () => {
    await env?.close();
  });

  // 600 documents over 3 s of event time (three source batches): every batch crosses a boundary.
  const docs = Array.from({ length: 600 }, (_, i) => ({ i, room: i % 2 ? 'A' : 'B', t: { $date: new Date(T0 + i * 5).toISOString() } }));
  const window = {
    $tumblingWindow: {
      interval: { size: 1, unit: 'second' }, allowedLateness: { size: 0, unit: 'second' },
      pipeline: [{ $group: { _id: null, n: { $sum: 1 }, floors: { $sum: { $first: '$info.floor' } } } }, { $project: { _id: 0, n: 1, floors: 1 } }],
    },
  };
  const run = (stage: Doc) =>
    runPipelineText(JSON.stringify({ name: 't', pipeline: [{ $source: { documents: docs, timeField: '$t' } }, stage, window] }), {
      connections: env.registry, services: env.services, projectStreamMeta: false, clock: new ManualClock(T0),
    });
  const expected = [{ n: 200, floors: 300 }, { n: 200, floors: 300 }, { n: 200, floors: 300 }];

  it('$lookup: every document counted in its pane, none late', async () => {
    const r = await run({ $lookup: { from: { connectionName: 'cluster1', db, coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'info' } });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, expected);
  });

  it('$cachedLookup: every document counted in its pane, none late', async () => {
    const r = await run({ $cachedLookup: { ttl: { size: 1, unit: 'hour' }, from: { connectionName: 'cluster1', db, coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'info' } });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.dlq, []);
    assert.deepEqual(r.docs, expected);
  });
});
