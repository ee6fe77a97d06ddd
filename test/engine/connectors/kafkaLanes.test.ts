/**
 * The Kafka sink's per-partition request queues (engine/connectors/kafka/lanes.ts): one request
 * per partition at a time, in queue order, partitions side by side, a request without a
 * partition waiting for all of its topic's; and the partition choice from recorded metadata.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { Lanes, PartitionChooser, SEND_CHUNK } from '../../../engine/connectors/kafka/lanes';

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string): { task: () => Promise<void>; open: () => void; fail: (e: Error) => void } {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return {
    task: () => {
      log.push(name);
      return done;
    },
    open: () => open(),
    fail: (e) => fail(e),
  };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('Lanes', () => {
  it('runs one task per partition at a time, in order, and partitions side by side', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const a1 = gate(log, 'p0-1');
    const a2 = gate(log, 'p0-2');
    const b1 = gate(log, 'p1-1');
    const r = [lanes.run('t', 0, a1.task), lanes.run('t', 0, a2.task), lanes.run('t', 1, b1.task), lanes.run('u', 0, () => (log.push('u0'), Promise.resolve()))];
    await turn();
    assert.deepEqual(log, ['p0-1', 'p1-1', 'u0']);
    a1.open();
    await r[0];
    await turn();
    assert.deepEqual(log, ['p0-1', 'p1-1', 'u0', 'p0-2']);
    assert.equal(lanes.busyTopics, 1, 'u is done and dropped, t is not');
    a2.open();
    b1.open();
    await Promise.all(r);
    await turn();
    assert.equal(lanes.busyTopics, 0);
  });

  it('a task without a partition waits for all of its topic, and the topic waits for it', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const p0 = gate(log, 'p0');
    const p1 = gate(log, 'p1');
    const all = gate(log, 'all');
    const r = [lanes.run('t', 0, p0.task), lanes.run('t', 1, p1.task), lanes.run('t', undefined, all.task), lanes.run('t', 2, () => (log.push('p2'), Promise.resolve()))];
    await turn();
    assert.deepEqual(log, ['p0', 'p1']);
    p0.open();
    await r[0];
    await turn();
    assert.deepEqual(log, ['p0', 'p1'], 'still waiting for p1');
    p1.open();
    await r[1];
    await turn();
    assert.deepEqual(log, ['p0', 'p1', 'all']);
    all.open();
    await Promise.all(r);
    assert.deepEqual(log, ['p0', 'p1', 'all', 'p2']);
    await turn();
    assert.equal(lanes.busyTopics, 0, 'idle topics are dropped (dynamic topics do not pile up)');
  });

  it('a failed task rejects its own promise and the partition goes on', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const bad = gate(log, 'bad');
    const first = lanes.run('t', 0, bad.task);
    const next = lanes.run('t', 0, () => (log.push('next'), Promise.resolve()));
    bad.fail(new Error('refused'));
    await assert.rejects(first, /refused/);
    await next;
    assert.deepEqual(log, ['bad', 'next']);
  });
});

describe('PartitionChooser', () => {
  const meta = (n: number, leaderless: number[] = []): PartitionMetadata[] =>
    Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: leaderless.includes(i) ? -1 : 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

  it('knows no partition until the producer partitioner has seen the topic, then fills one partition per SEND_CHUNK keyless messages', () => {
    const c = new PartitionChooser();
    assert.equal(c.partitionOf('t', { value: null }), undefined);
    const producerSide = c.producerPartitioner();
    assert.equal(producerSide({ topic: 't', partitionMetadata: meta(4), message: { value: null, partition: 2 } }), 2, 'a chosen partition is kept');
    const got = Array.from({ length: SEND_CHUNK * 4 }, () => c.partitionOf('t', { value: null })!);
    for (let i = 0; i < 4; i++) assert.equal(new Set(got.slice(i * SEND_CHUNK, (i + 1) * SEND_CHUNK)).size, 1, `chunk ${i} is one partition`);
    assert.equal(new Set(got).size, 4);
    assert.equal(c.partitionOf('other', { value: null }), undefined);
  });

  it('keyed messages go by the key hash, as kafkajs does; leaderless partitions are skipped', () => {
    const c = new PartitionChooser();
    c.producerPartitioner()({ topic: 't', partitionMetadata: meta(3, [1]), message: { value: null } });
    for (const key of ['device-7', 'a', 'zz']) {
      const message = { key: Buffer.from(key), value: null };
      assert.equal(c.partitionOf('t', message), Partitioners.DefaultPartitioner()({ topic: 't', partitionMetadata: meta(3, [1]), message }), key);
    }
    for (let i = 0; i < SEND_CHUNK * 3; i++) assert.notEqual(c.partitionOf('t', { value: null }), 1);
  });
});
