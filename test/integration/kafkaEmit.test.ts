/** Kafka -> $match -> $emit Kafka, and undecodable messages -> DLQ, against a real broker. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EJSON } from 'bson';
import { runPipelineText } from '../../engine/pipeline/run';
import { consumeAll, createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';

describe('Kafka source and sink (real broker)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('reads, filters and writes to another topic with key and headers; bad input goes to the DLQ', async () => {
    const input = uniqueName('in');
    const output = uniqueName('out');
    await createTopic(env.admin, input, 2);
    await createTopic(env.admin, output, 1);
    const producer = env.kafka.producer();
    await producer.connect();
    const good = Array.from({ length: 20 }, (_, i) => ({ value: EJSON.stringify({ n: i, at: { $date: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString() } }), key: `k${i}`, partition: i % 2 }));
    await producer.send({
      topic: input,
      messages: [
        ...good,
        { value: 'not json', partition: 0 },
        { value: Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from('{"n": 100, "at": {"$date": "2024-01-01T00:01:00Z"}}')]), partition: 1, headers: { h1: 'x' } },
        { value: '', partition: 0 },
      ],
    });
    await producer.disconnect();
    const pipeline = [
      { $source: { connectionName: 'kafka1', topic: input, timeField: '$at', config: { auto_offset_reset: 'earliest', keyFormat: 'string' } } },
      { $match: { n: { $gte: 10 } } },
      { $emit: { connectionName: 'kafka1', topic: output, config: { key: '$n', keyFormat: 'int', headers: { src: 'asp' }, outputFormat: 'canonicalJson' } } },
    ];
    // Stop once every record is accounted for: 11 written, 2 dead-lettered (in any order).
    const stop = new AbortController();
    let out = 0;
    let dead = 0;
    const check = (): void => {
      if (out >= 11 && dead >= 2) stop.abort();
    };
    const res = await runPipelineText(JSON.stringify({ name: 'it', pipeline }), {
      connections: env.registry, services: env.services, processorName: 'it', processorId: uniqueName('p'), ephemeral: false, timeoutMs: 60_000, signal: stop.signal,
      onDlq: () => { dead++; check(); },
      onBatch: (run) => { out = run.stats.outputMessageCount; check(); },
    });
    assert.deepEqual(res.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(res.end, 'stopped');
    // "not json" is undecodable: DLQ without a doc. The empty value decodes to {} and has no
    // event time, so it is DLQ'd by the timeField rule, with its (empty) doc.
    const dlq = res.dlq as { errInfo: { reason: string }; operatorName: string; doc?: unknown }[];
    assert.equal(dlq.length, 2);
    const parse = dlq.find((r) => r.errInfo.reason.startsWith('Failed to parse input message with error:'))!;
    assert.equal(parse.operatorName, 'KafkaConsumerOperator');
    assert.equal(parse.doc, undefined);
    const time = dlq.find((r) => r.errInfo.reason.startsWith('Failed to extract timestamp'))!;
    assert.deepEqual(time.doc, {});
    const msgs = await consumeAll(env.kafka, output, 11);
    const docs = msgs.map((m) => EJSON.parse(m.value!.toString(), { relaxed: false }) as Record<string, unknown>);
    const ns = docs.map((x) => Number(x['n'])).sort((a, b) => a - b);
    assert.deepEqual(ns, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100]);
    for (const m of msgs) {
      assert.equal(m.key!.length, 4, 'int keys are 4 bytes big-endian');
      assert.equal(String(m.headers['src']), 'asp');
    }
    const ten = docs.find((x) => Number(x['n']) === 10)! as Record<string, any>;
    assert.ok(ten['_ts'] instanceof Date);
    assert.equal((ten['_ts'] as Date).toISOString(), '2024-01-01T00:00:10.000Z');
    assert.equal(ten['_stream_meta'].source.type, 'kafka');
    assert.equal(ten['_stream_meta'].source.topic, input);
    assert.equal(ten['_stream_meta'].source.key, 'k10');
  });
});
