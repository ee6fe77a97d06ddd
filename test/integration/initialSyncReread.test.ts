/**
 * initialSync's re-reads against the real MongoDB-wire server: writes made between a scan read
 * and the drain of the stream that follows it (the `afterRead` hook, batches of 4) cannot be
 * placed before or after the read, so the range is read again until a drain brings nothing for
 * it; a document written after every read of its range (MAX_REREADS) has that last write
 * delivered as its event. A step that fails after its drains leaves the scan where it was, and
 * the step run again from the stream position of the last step (as the source reopens it) gives
 * the same output. Every document version arrives exactly once (syncHistory.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeStream, Collection, ResumeToken } from 'mongodb';
import { InitialSync, MAX_REREADS } from '../../engine/connectors/mongo/initialSync';
import type { ChangeStreamConfig } from '../../engine/io/types';
import type { Doc } from '../../engine/core/types';
import { setup, uniqueName, type IntegrationEnv } from './helpers';
import { DELETED, History, idOf, keyOf } from './syncHistory';

function config(db: string): ChangeStreamConfig {
  return {
    connectionName: 'cluster1', db, colls: ['src'], fullDocument: 'updateLookup', fullDocumentOnly: false, fullDocumentBeforeChange: 'off',
    pipeline: [], maxAwaitTimeMS: 1000, tsFieldName: '_ts', initialSync: { parallelism: 1 },
  };
}

async function drainAll(s: ChangeStream): Promise<Doc[]> {
  const out: Doc[] = [];
  for (let ev = await s.tryNext(); ev !== null; ev = await s.tryNext()) out.push(ev as unknown as Doc);
  return out;
}

const brief = (e: Doc): string => `${keyOf('src', idOf(e))}@${e['operationType'] === 'delete' ? DELETED : String((e['fullDocument'] as Doc)['v'])}`;

describe('change-stream initialSync re-reads (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('a range written between its read and the next drain is read again; past MAX_REREADS the last write comes as its event', async () => {
    const db = uniqueName('isyncrr');
    const coll = env.mongo.db(db).collection<{ _id: number; v: string }>('src');
    const h = new History();
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, v: 'v0' })));
    for (let i = 0; i < 10; i++) h.initial('src', i, 'v0');
    const set = async (id: number, v: string): Promise<void> => {
      await coll.updateOne({ _id: id }, { $set: { v } });
      h.wrote('src', id, v);
    };
    let stream: ChangeStream | undefined;
    try {
      stream = coll.watch([], { fullDocument: 'updateLookup', promoteValues: false });
      assert.equal(await stream.tryNext(), null, 'the stream is open before the scan');
      let reads = 0;
      const afterRead = async (): Promise<void> => {
        reads++;
        if (reads === 1) {
          await set(1, 'r1'); // inside (-, 3]: read again
          await set(7, 'r1'); // ahead: in the scan
        } else if (reads === 3) {
          await coll.deleteOne({ _id: 6 }); // inside (3, 7]: read again (then (3, 8]), absent
          h.wrote('src', 6, DELETED);
          await set(2, 'r3'); // behind: its event
        } else if (reads >= 5) {
          await set(9, `h${reads - 4}`); // inside (8, ...) after every read of it
          if (reads === 5) {
            await coll.insertOne({ _id: 100, v: 'r5' });
            h.wrote('src', 100, 'r5');
          }
        }
      };
      const sync = new InitialSync(config(db), { batchSize: 4, afterRead });
      await sync.plan(env.mongo);
      const s = stream;
      const drain = (): Promise<Doc[]> => drainAll(s);
      const out: Doc[] = [];
      const steps: { scanned: string[]; events: string[] }[] = [];
      while (sync.active) {
        const step = await sync.next(env.mongo, drain);
        out.push(...step.before, ...step.scanned, ...step.after);
        steps.push({ scanned: step.scanned.map(brief), events: [...step.before, ...step.after].map(brief) });
      }
      assert.equal(reads, 2 + 2 + MAX_REREADS);
      assert.deepEqual(steps, [
        { scanned: ['src:0@v0', 'src:1@r1', 'src:2@v0', 'src:3@v0'], events: [] },
        // 6 is gone when (3, ...] is read again: the batch of 4 now ends at 8.
        { scanned: ['src:4@v0', 'src:5@v0', 'src:7@r1', 'src:8@v0'], events: ['src:2@r3'] },
        { scanned: [`src:9@h${MAX_REREADS - 1}`, 'src:100@r5'], events: [`src:9@h${MAX_REREADS}`] },
      ]);
      assert.ok(out.every((e) => e['operationType'] === 'update' || e['operationType'] === 'insert'));
      h.check(out);
      const stats = sync.operatorStats() as { initialSync: Doc };
      assert.deepEqual(stats.initialSync, { estimatedDocs: 10, copiedDocs: 10 });
      assert.deepEqual((sync.position() as Doc)['done'], true);
    } finally {
      await stream?.close();
      await env.mongo.db(db).dropDatabase();
    }
  });

  it('a step that fails after draining leaves the scan as it was; run again from the last step\'s stream position it delivers exactly once', async () => {
    const db = uniqueName('isyncf');
    const coll: Collection<{ _id: number; v: string }> = env.mongo.db(db).collection('src');
    const h = new History();
    await coll.insertMany(Array.from({ length: 6 }, (_, i) => ({ _id: i, v: 'v0' })));
    for (let i = 0; i < 6; i++) h.initial('src', i, 'v0');
    const open = (after?: ResumeToken): ChangeStream => coll.watch([], { fullDocument: 'updateLookup', promoteValues: false, ...(after ? { startAfter: after } : {}) });
    let stream = open();
    try {
      assert.equal(await stream.tryNext(), null);
      const sync = new InitialSync(config(db), { batchSize: 4 });
      await sync.plan(env.mongo);
      const out: Doc[] = [];
      const first = await sync.next(env.mongo, () => drainAll(stream));
      out.push(...first.before, ...first.scanned, ...first.after);
      const committed = stream.resumeToken;
      const before = JSON.stringify(sync.position());
      await coll.updateOne({ _id: 1 }, { $set: { v: 'f1' } }); // scanned: its event
      h.wrote('src', 1, 'f1');
      await coll.updateOne({ _id: 5 }, { $set: { v: 'f1' } }); // not scanned: in the scan
      h.wrote('src', 5, 'f1');
      // The step's first drain takes both events from the stream, then the next one fails.
      let drains = 0;
      await assert.rejects(sync.next(env.mongo, async () => {
        if (++drains === 2) throw new Error('connection reset');
        return drainAll(stream);
      }), /connection reset/);
      assert.equal(drains, 2);
      assert.equal(JSON.stringify(sync.position()), before, 'the scan did not move');
      await stream.close();
      stream = open(committed);
      const again = await sync.next(env.mongo, () => drainAll(stream));
      out.push(...again.before, ...again.scanned, ...again.after);
      assert.deepEqual([first, again].map((st) => ({ scanned: st.scanned.map(brief), events: [...st.before, ...st.after].map(brief) })), [
        { scanned: ['src:0@v0', 'src:1@v0', 'src:2@v0', 'src:3@v0'], events: [] },
        { scanned: ['src:4@v0', 'src:5@f1'], events: ['src:1@f1'] },
      ]);
      assert.equal(sync.active, false);
      h.check(out);
    } finally {
      await stream.close();
      await env.mongo.db(db).dropDatabase();
    }
  });
});
