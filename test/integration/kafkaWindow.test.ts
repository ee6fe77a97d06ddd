/** Kafka -> $tumblingWindow -> $merge (MongoDB), against real servers. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PipelineRun } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';

describe('Kafka -> tumbling window -> $merge (real servers)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('closes windows on the event-time watermark and merges one document per window', async () => {
    const topic = uniqueName('win');
    const db = uniqueName('db');
    await createTopic(env.admin, topic, 1);
    const t0 = Date.UTC(2024, 0, 1);
    const p = env.kafka.producer();
    await p.connect();
    // Ten readings one second apart, then one far later that pushes the watermark past both
    // 5-second windows plus the default 3 s of allowed lateness.
    const readings = [...Array.from({ length: 10 }, (_, i) => ({ n: i, at: t0 + i * 1000 })), { n: 100, at: t0 + 60_000 }];
    await p.send({ topic, messages: readings.map((r) => ({ value: JSON.stringify({ n: r.n, at: { $date: new Date(r.at).toISOString() } }) })) });
    await p.disconnect();
    const text = JSON.stringify({
      name: 'win',
      pipeline: [
        { $source: { connectionName: 'kafka1', topic, timeField: '$at', config: { auto_offset_reset: 'earliest' } } },
        { $tumblingWindow: { interval: { size: 5, unit: 'second' }, pipeline: [{ $group: { _id: null, count: { $sum: 1 }, first: { $min: '$n' }, total: { $sum: '$n' } } }] } },
        { $project: { _id: '$first', count: 1, total: 1 } },
        { $merge: { into: { connectionName: 'cluster1', db, coll: 'windows' } } },
      ],
    });
    const a = analyzeText(text, { connections: env.registry });
    assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
    const run = new PipelineRun(a.processor!, a.validated!, { connections: env.registry, services: env.services, processorName: 'win', processorId: uniqueName('p'), ephemeral: false });
    const done = run.run();
    const out = env.mongo.db(db).collection('windows');
    try {
      await waitFor(async () => (await out.countDocuments()) === 2, 'two windows merged');
    } finally {
      run.stop();
    }
    await done;
    const docs = await out.find({}, { projection: { _stream_meta: 0 } }).sort({ _id: 1 }).toArray();
    assert.deepEqual(docs, [
      { _id: 0, count: 5, total: 10 },
      { _id: 5, count: 5, total: 35 },
    ]);
  });
});
