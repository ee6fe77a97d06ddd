/**
 * `changeStreamTimeDifferenceSecs` against the real MongoDB-wire server: the seconds between the
 * position's event and the newest oplog entry while the source is behind, 0 once a read drained
 * the stream, even when newer writes went to collections it does not watch (Atlas's definition:
 * the resume token versus the latest oplog event; a drained stream's token is the latest).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Timestamp } from 'mongodb';
import { systemClock } from '../../engine/core/clock';
import { END_OF_INPUT, type Source, type SourceRecord } from '../../engine/core/source';
import type { ChangeStreamConfig } from '../../engine/io/types';
import { MAX_BATCH } from '../../engine/connectors/mongo/changeStreamSource';
import type { Doc } from '../../engine/core/types';
import { waitFor } from '../helpers/waitFor';
import { setup, uniqueName, type IntegrationEnv } from './helpers';

async function readOnce(source: Source, signal: AbortSignal): Promise<SourceRecord[]> {
  const b = await source.read(signal);
  assert.notEqual(b, END_OF_INPUT);
  return b === END_OF_INPUT ? [] : b.records;
}

describe('change-stream time difference (real server)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('is the lag behind the newest oplog entry while behind, and 0 once caught up', async () => {
    const db = uniqueName('cslag');
    const d = env.mongo.db(db);
    await d.createCollection('in');
    const cfg: ChangeStreamConfig = { connectionName: 'cluster1', db, colls: ['in'], fullDocument: 'default', fullDocumentOnly: false, fullDocumentBeforeChange: 'off', pipeline: [], maxAwaitTimeMS: 1000, tsFieldName: '_ts' };
    const source = env.services.io.changeStreamSource(cfg, { clock: systemClock, services: env.services, processorName: 'lag', processorId: uniqueName('p'), ephemeral: false, slotCount: 0 });
    const ac = new AbortController();
    await source.connect(ac.signal);
    try {
      assert.equal(source.stats!()['changeStreamTimeDifferenceSecs'], 0, 'a stream opened at the server\'s latest position is caught up');
      // More events than one read hands out, then writes elsewhere until the oplog is 2 s further on.
      await d.collection('in').insertMany(Array.from({ length: MAX_BATCH + 20 }, (_, i) => ({ i })));
      const oplogHead = async (): Promise<Timestamp> => (await env.mongo.db('local').collection('oplog.rs').find({}).sort({ $natural: -1 }).limit(1).toArray())[0]!['ts'] as Timestamp;
      const lastIn = await oplogHead();
      for (let n = 0; (await oplogHead()).high < lastIn.high + 2; n++) {
        await d.collection('elsewhere').insertOne({ n });
        await new Promise((r) => setTimeout(r, 50));
      }
      const head = await oplogHead();
      const first = await readOnce(source, ac.signal);
      assert.equal(first.length, MAX_BATCH, 'one full read: the stream is not drained');
      const at = ((first[first.length - 1]!.doc as Doc)['clusterTime'] as Timestamp).high;
      const expected = head.high - at;
      assert.ok(expected >= 2);
      await waitFor(() => source.stats!()['changeStreamTimeDifferenceSecs'] === expected, `a difference of ${expected} s once the oplog head was read`, 120_000);
      // The rest of 'in' drains the stream: the writes to 'elsewhere' do not count.
      let rest = 0;
      while (rest < 20) rest += (await readOnce(source, ac.signal)).length;
      await readOnce(source, ac.signal);
      assert.equal(source.stats!()['changeStreamTimeDifferenceSecs'], 0);
    } finally {
      ac.abort();
      await source.close();
      await d.dropDatabase();
    }
  });
});
