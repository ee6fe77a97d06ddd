/**
 * startStreamProcessor's `startAfter` and `startAtOperationTime` position a change-stream
 * processor, against the real MongoDB-wire server: the resume token and the operation time come
 * from the server's own change events (read with the Node driver), and the processor reads
 * exactly the events after the token, or from the time on. Both placements (top level, nested
 * `options`) are used; a start position on a processor with a checkpoint is refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EJSON } from 'bson';
import type { ChangeStreamDocument, Document } from 'mongodb';
import { ProcessorManager } from '../../engine/runtime/manager';
import { CommandError } from '../../engine/runtime/errors';
import { waitFor } from '../helpers/waitFor';
import { setup, uniqueName, type IntegrationEnv } from './helpers';

/** A change stream's first getMore can take long on a loaded machine. */
const PATIENCE_MS = 120_000;

describe('change-stream start positions from start options (real server)', () => {
  let env: IntegrationEnv;
  let dir: string;
  let m: ProcessorManager;
  before(async () => {
    env = await setup();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-startpos-'));
    m = new ProcessorManager({ stateDir: dir, registry: () => env.registry, services: () => env.services, checkpointIntervalMs: 0 });
  });
  after(async () => {
    await m?.close();
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('startAfter reads after the given event; startAtOperationTime reads from the given time on', async () => {
    const db = uniqueName('startpos');
    const coll = env.mongo.db(db).collection('in');
    await env.mongo.db(db).createCollection('in');
    // The server's own events give the token and the time, as a user would copy them.
    const watch = coll.watch();
    await watch.tryNext();
    for (const i of [1, 2, 3]) await coll.insertOne({ _id: `d${i}` as never, i });
    const events: ChangeStreamDocument<Document>[] = [];
    while (events.length < 3) events.push(await watch.next());
    await watch.close();
    const [first, second] = events as [ChangeStreamDocument<Document> & { clusterTime: unknown }, ChangeStreamDocument<Document> & { clusterTime: unknown }];
    const pipeline = (out: string) => [
      { $source: { connectionName: 'cluster1', db, coll: 'in' } },
      { $project: { _id: '$fullDocument._id', i: '$fullDocument.i' } },
      { $merge: { into: { connectionName: 'cluster1', db, coll: out } } },
    ];
    const merged = async (out: string) => (await env.mongo.db(db).collection(out).find().sort({ i: 1 }).toArray()).map((d) => d['i'] as number);

    m.create({ name: 'after', pipeline: pipeline('after') });
    // The JSON-RPC and wire transports hand the manager relaxed Extended JSON.
    await m.start({ name: 'after', startAfter: EJSON.serialize(first._id) } as never);
    await waitFor(async () => (await merged('after')).length >= 2, 'the events after the first', PATIENCE_MS);
    assert.deepEqual(await merged('after'), [2, 3]);

    m.create({ name: 'at', pipeline: pipeline('at') });
    await m.start({ name: 'at', options: { startAtOperationTime: EJSON.serialize({ t: second.clusterTime })['t'] } } as never);
    await waitFor(async () => (await merged('at')).length >= 2, 'the events from the second on', PATIENCE_MS);
    assert.deepEqual(await merged('at'), [2, 3]);

    // Later writes still arrive, after the positioned start.
    await coll.insertOne({ _id: 'd4' as never, i: 4 });
    await waitFor(async () => (await merged('after')).length === 3 && (await merged('at')).length === 3, 'the write made after both started', PATIENCE_MS);

    // A stopped processor with a checkpoint is not silently repositioned.
    await m.stop({ name: 'after' });
    await assert.rejects(m.start({ name: 'after', startAfter: EJSON.serialize(first._id) } as never), (e: unknown) => e instanceof CommandError && /has a checkpoint to resume from: add resumeFromCheckpoint: false/.test(e.message));
    await m.start({ name: 'after', startAfter: EJSON.serialize(second._id), resumeFromCheckpoint: false } as never);
    await m.stop({ name: 'after' });
    await m.stop({ name: 'at' });
    await env.mongo.db(db).dropDatabase();
  });
});
