/**
 * Where a change-stream `$source` starts, against the real MongoDB-wire server: it reports itself
 * open only once it holds a position from which every later write is seen, that position is a
 * resume token before any event arrives, and a restored position (resume token or operation
 * time) decides where it reads, whatever connect() saw from the configured start.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Timestamp } from 'mongodb';
import { PipelineRun } from '../../engine/pipeline/run';
import { analyzeText } from '../../engine/pipeline/analyze';
import { createServices } from '../../engine/connectors/services';
import type { Services } from '../../engine/io/types';
import { decodeCheckpoint, encodeCheckpoint } from '../../engine/runtime/checkpoint/codec';
import type { Doc, Value } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';

function changeStreamRun(env: IntegrationEnv, services: Services, db: string, config: Doc = {}): { run: PipelineRun; out: Doc[] } {
  const text = JSON.stringify({
    name: 'cs',
    pipeline: [
      { $source: { connectionName: 'cluster1', db, coll: 'in', config } },
      { $project: { _id: '$fullDocument._id', i: '$fullDocument.i' } },
      { $emit: { connectionName: '__testLog' } },
    ],
  });
  const a = analyzeText(text, { connections: env.registry });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
  const out: Doc[] = [];
  const run = new PipelineRun(a.processor!, a.validated!, {
    connections: env.registry, services, processorName: 'cs', processorId: uniqueName('p'), ephemeral: false, projectStreamMeta: false,
    onOutput: (d) => out.push(d),
  });
  return { run, out };
}

describe('change-stream $source start position (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('is open only with a resume token in hand, and sees a write made right after it opened (cold client each time)', async () => {
    // A fresh client per round: the miss happened when the aggregate waited for a new connection.
    for (let round = 0; round < 5; round++) {
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-cs-start-'));
      const services = createServices(env.registry, { stateDir });
      const db = uniqueName('csopen');
      await env.mongo.db(db).createCollection('in');
      const { run, out } = changeStreamRun(env, services, db);
      const done = run.run();
      try {
        // Poll tightly: the write must follow "open" as closely as a client could make it.
        while (run.sourceStats()['changeStreamState'] === undefined) await new Promise((r) => setImmediate(r));
        const position = run.snapshot().position as { resumeToken?: Doc } | null;
        assert.ok(position?.resumeToken, `a resume token before any event (round ${round}): ${JSON.stringify(position)}`);
        await env.mongo.db(db).collection('in').insertOne({ _id: 'w' as never, i: round });
        await waitFor(() => out.length === 1, `the write made right after open (round ${round})`);
        assert.deepEqual(out, [{ _id: 'w', i: round }]);
      } finally {
        run.stop();
        await done;
        await services.close();
        await env.mongo.db(db).dropDatabase();
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    }
  });

  it('resumes from a checkpointed resume token taken before any event: writes made while down are read', async () => {
    const db = uniqueName('cstoken');
    await env.mongo.db(db).createCollection('in');
    const first = changeStreamRun(env, env.services, db);
    const done = first.run.run();
    await waitFor(() => first.run.sourceStats()['changeStreamState'] !== undefined, 'the change stream to open');
    const snap = first.run.snapshot();
    first.run.stop();
    await done;
    await env.mongo.db(db).collection('in').insertMany([{ _id: 1, i: 1 }, { _id: 2, i: 2 }] as never[]);
    const second = changeStreamRun(env, env.services, db);
    second.run.restoreFrom({ position: roundTrip(snap.position), tables: {}, watermark: -Infinity });
    const done2 = second.run.run();
    try {
      await waitFor(() => second.out.length >= 2, 'both writes made while no stream was open');
      await env.mongo.db(db).collection('in').insertOne({ _id: 3, i: 3 } as never);
      await waitFor(() => second.out.length >= 3, 'a write after the restart');
      assert.deepEqual(second.out.map((d) => d['_id']), [1, 2, 3]);
    } finally {
      second.run.stop();
      await done2;
      await env.mongo.db(db).dropDatabase();
    }
  });

  it('a restored position wins over what connect() read from the configured start, with no duplicates', async () => {
    const db = uniqueName('csseek');
    const coll = env.mongo.db(db).collection('in');
    const watch = coll.watch();
    await watch.tryNext();
    await coll.insertMany([{ _id: 'a', i: 1 }, { _id: 'b', i: 2 }, { _id: 'c', i: 3 }] as never[]);
    const events: Doc[] = [];
    while (events.length < 3) {
      const ev = (await watch.tryNext()) as Doc | null;
      if (ev) events.push(ev);
    }
    await watch.close();
    const [a, b] = events as [Doc, Doc];
    // The configured start replays a, b and c (connect() reads them); the checkpoint says "after a".
    const at = a['clusterTime'] as Timestamp;
    const cfg = { startAtOperationTime: { $timestamp: { t: at.high, i: at.low } } };
    const r1 = changeStreamRun(env, env.services, db, cfg);
    r1.run.restoreFrom({ position: roundTrip({ resumeToken: a['_id'] as Doc }), tables: {}, watermark: -Infinity });
    const d1 = r1.run.run();
    try {
      await waitFor(() => r1.out.length >= 2, 'b and c');
      await coll.insertOne({ _id: 'd', i: 4 } as never);
      await waitFor(() => r1.out.length >= 3, 'd');
      assert.deepEqual(r1.out.map((d) => d['_id']), ['b', 'c', 'd']);
    } finally {
      r1.run.stop();
      await d1;
    }
    // An operation-time position (a first event not yet handed out) is inclusive: b comes again.
    const r2 = changeStreamRun(env, env.services, db);
    r2.run.restoreFrom({ position: roundTrip({ startAtOperationTime: b['clusterTime'] as Timestamp }), tables: {}, watermark: -Infinity });
    const d2 = r2.run.run();
    try {
      await waitFor(() => r2.out.length >= 3, 'b, c and d');
      assert.deepEqual(r2.out.map((d) => d['_id']), ['b', 'c', 'd']);
      const pos = r2.run.snapshot().position as { resumeToken?: Doc };
      assert.ok(pos.resumeToken, 'after events the position is a resume token again');
    } finally {
      r2.run.stop();
      await d2;
      await env.mongo.db(db).dropDatabase();
    }
  });
});

/** A position as a restart sees it: through the checkpoint encoding (BSON header). */
function roundTrip(position: Value): Value {
  const enc = encodeCheckpoint({ id: 1, time: 0, positions: { source: position }, tables: {} });
  return decodeCheckpoint(enc.sections).positions['source']!;
}
