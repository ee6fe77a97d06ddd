/**
 * Capture Input and Save as Test against a real Kafka broker and a real change stream, through
 * the local instance's JSON-RPC requests as the editor sends them: the recorded messages keep
 * their partitions, keys, offsets and timestamps (change events their own fields), and the
 * fixture made from the run replays it exactly.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import * as P from '../../shared/protocol';
import { Instance } from '../../engine/daemon/instance';
import { createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';
import { rpcTo } from '../helpers/instance';

/** A Kafka key as relaxed Extended JSON: BinData by default (keyFormat binData), as text here. */
function keyText(v: unknown): string {
  const b = (v as { $binary?: { base64: string } } | undefined)?.$binary;
  return b ? Buffer.from(b.base64, 'base64').toString('utf8') : String(v);
}

describe('Capture Input and Save as Test from Kafka and a change stream (real servers)', () => {
  let env: IntegrationEnv;
  let rpc: MessageConnection;
  let dir: string;
  const ended = new Map<string, P.RunEndedParams>();
  // rpcTo registers its disposal as an after-hook; the suite runs them in its own after().
  const closers: (() => void | Promise<void>)[] = [];

  before(async () => {
    env = await setup();
    dir = fs.mkdtempSync(path.join(env.stateDir, 'capture-'));
    const connectionsFile = path.join(dir, 'asp.connections.json');
    fs.writeFileSync(connectionsFile, JSON.stringify({ connections: [{ name: 'kafka1', type: 'Kafka', bootstrapServers: env.servers.kafkaBrokers }, { name: 'cluster1', type: 'Cluster', uri: env.servers.mongoUri }] }));
    const inst = new Instance({ stateDir: path.join(dir, 'state'), connectionsFile, checkpointIntervalMs: 0 });
    await inst.open();
    rpc = rpcTo({ after: (fn) => closers.push(fn) }, inst);
    rpc.onNotification(P.runEnded.method, (p: P.RunEndedParams) => {
      ended.set(p.name, p);
    });
  });
  after(async () => {
    for (const close of closers) await close();
    await env?.close();
  });

  it('records keys, partitions, offsets and timestamps, and the saved test passes', async () => {
    const topic = uniqueName('capture');
    await createTopic(env.admin, topic, 2);
    const t0 = Date.UTC(2024, 5, 1, 12);
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, key: `k${i}`, timestamp: String(t0 + i * 1000), value: JSON.stringify({ n: i, region: i % 3 === 0 ? 'eu' : 'us' }) })),
    });
    await producer.disconnect();
    const source = { $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' } } };
    const pipelineFile = path.join(dir, 'orders.asp.json');
    fs.writeFileSync(pipelineFile, JSON.stringify([source, { $match: { region: 'eu' } }, { $addFields: { seen: true } }]));

    // Capture Input: only the $source runs, until 6 documents were recorded.
    const name = `${topic}.capture-1`;
    await rpc.sendRequest(P.processStreamProcessor, { name, pipeline: [source], file: pipelineFile, run: { sinks: 'capture', maxDocs: 6, maxMs: 120_000, stream: false, record: { maxEvents: 6 } } });
    await waitFor(() => ended.has(name), 'the capture to end', 120_000);
    assert.equal(ended.get(name)?.reason, 'limit');
    const rec = await rpc.sendRequest(P.getRunRecording, { name });
    assert.equal(rec.events.length, 6);
    const byN = new Map(rec.events.map((e) => [e.doc['n'] as number, e]));
    for (let i = 0; i < 6; i++) {
      const e = byN.get(i)!;
      assert.equal(e.partition ?? 0, i % 2, `document ${i} on its partition`);
      assert.equal(e.time, new Date(t0 + i * 1000).toISOString(), 'the Kafka timestamp is the event time');
      assert.equal(keyText(e.source?.['key']), `k${i}`);
      assert.equal(Number(e.source?.['offset']), Math.floor(i / 2));
    }

    // Into a fixture, the expectation filled by a run of the whole pipeline on the captured input.
    const fixtureFile = path.join(dir, 'orders.asp.test.json');
    const made = await rpc.sendRequest(P.fixtureFromRun, { name, fixtureFile, testName: 'captured from Kafka', pipeline: 'orders.asp.json', expect: 'none' });
    const filled = await rpc.sendRequest(P.runFixture, { file: fixtureFile, text: made.text, update: true });
    assert.ok(filled.updatedText, filled.results[0]?.report);
    fs.writeFileSync(fixtureFile, filled.updatedText);
    const r = await rpc.sendRequest(P.runFixture, { file: fixtureFile });
    assert.equal(r.summary, '1 passed, 0 failed', r.results[0]?.report);
    const out = r.results[0]!.actual!.output;
    assert.deepEqual(out.map((d) => [d['n'], keyText((d['_stream_meta'] as { source: { key: unknown } }).source.key)]).sort(), [[0, 'k0'], [3, 'k3']]);
  });

  it('Save as Test of a whole Kafka run compares the metadata the run produced', async () => {
    const topic = uniqueName('saved');
    await createTopic(env.admin, topic, 1);
    const t0 = Date.UTC(2024, 5, 2);
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [0, 1, 2].map((i) => ({ key: `k${i}`, timestamp: String(t0 + i), value: JSON.stringify({ n: i }) })) });
    await producer.disconnect();
    const pipeline = [{ $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' } } }, { $addFields: { twice: { $multiply: ['$n', 2] } } }];
    const pipelineFile = path.join(dir, 'twice.asp.json');
    fs.writeFileSync(pipelineFile, JSON.stringify(pipeline));
    const name = `${topic}.run-1`;
    await rpc.sendRequest(P.processStreamProcessor, { name, pipeline, file: pipelineFile, run: { sinks: 'capture', maxDocs: 3, maxMs: 120_000, stream: false, record: {} } });
    await waitFor(() => ended.has(name), 'the run to end', 120_000);
    const fixtureFile = path.join(dir, 'twice.asp.test.json');
    const made = await rpc.sendRequest(P.fixtureFromRun, { name, fixtureFile, testName: 'a run of twice', pipeline: 'twice.asp.json', expect: 'run' });
    const expected = (JSON.parse(made.text) as { tests: { expect: { output: { _stream_meta: { source: Record<string, unknown> } }[] } }[] }).tests[0]!.expect.output;
    assert.deepEqual(expected.map((d) => keyText(d._stream_meta.source['key'])), ['k0', 'k1', 'k2']);
    assert.deepEqual(expected.map((d) => d._stream_meta.source['topic']), [topic, topic, topic]);
    fs.writeFileSync(fixtureFile, made.text);
    const r = await rpc.sendRequest(P.runFixture, { file: fixtureFile });
    assert.equal(r.summary, '1 passed, 0 failed', r.results[0]?.report);
  });

  it('a change stream capture becomes a fixture whose replay gives the same change events', async () => {
    const db = uniqueName('db');
    const coll = env.mongo.db(db).collection<{ _id: number; qty: number }>('orders');
    const pipeline = [{ $source: { connectionName: 'cluster1', db, coll: 'orders' } }, { $addFields: { double: { $multiply: ['$fullDocument.qty', 2] } } }];
    const pipelineFile = path.join(dir, 'orders-cs.asp.json');
    fs.writeFileSync(pipelineFile, JSON.stringify(pipeline));
    const name = `${db}.run-1`;
    await rpc.sendRequest(P.processStreamProcessor, { name, pipeline, file: pipelineFile, run: { sinks: 'capture', maxDocs: 3, maxMs: 120_000, stream: false, record: {} } });
    // The stream starts "now": insert until three changes were seen (the first may come before it opened).
    let n = 0;
    await waitFor(async () => {
      if (!ended.has(name)) await coll.insertOne({ _id: ++n, qty: n });
      return ended.has(name);
    }, 'three change events captured', 120_000, 200);
    assert.equal(ended.get(name)?.reason, 'limit');
    const rec = await rpc.sendRequest(P.getRunRecording, { name });
    assert.ok(rec.events.length >= 3, `${rec.events.length} events`);
    assert.ok(rec.events.every((e) => e.doc['operationType'] === 'insert'));
    const fixtureFile = path.join(dir, 'orders-cs.asp.test.json');
    const made = await rpc.sendRequest(P.fixtureFromRun, { name, fixtureFile, testName: 'inserts', pipeline: 'orders-cs.asp.json', expect: 'run' });
    fs.writeFileSync(fixtureFile, made.text);
    const r = await rpc.sendRequest(P.runFixture, { file: fixtureFile });
    assert.equal(r.summary, '1 passed, 0 failed', r.results[0]?.report);
    assert.ok(r.results[0]!.actual!.output.every((d) => d['double'] === 2 * (d['fullDocument'] as { qty: number }).qty));
  });
});
