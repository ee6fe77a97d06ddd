/**
 * Avro through a real Confluent-compatible schema registry (Apicurio Registry's ccompat API,
 * basic auth) and a real Kafka broker: schemas are registered and read back with plain HTTP
 * and an independent avsc type, records go through the Kafka source's and sink's value-codec
 * hooks, corrupt frames are dead-lettered with their reason, registry failures lose nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as avro from 'avsc';
import { Binary, Decimal128, Long } from 'bson';
import type { Doc } from '../../engine/core/types';
import type { DlqInput } from '../../engine/core/operator';
import { systemClock } from '../../engine/core/clock';
import { KafkaSource } from '../../engine/connectors/kafka/source';
import { createKafkaSink } from '../../engine/connectors/kafka/sink';
import type { KafkaValueDecoder, KafkaValueEncoder } from '../../engine/connectors/kafka/valueCodec';
import { schemaRegistryClientFor, type SchemaRegistryClient } from '../../engine/connectors/schemaRegistry/client';
import type { SchemaRegistryConnection } from '../../engine/connectors/schemaRegistry/connection';
import { AvroValueDecoder } from '../../engine/connectors/schemaRegistry/avroDecoder';
import { AvroValueEncoder, type AvroEncoderOptions } from '../../engine/connectors/schemaRegistry/avroEncoder';
import { SchemaRegistryError } from '../../engine/connectors/schemaRegistry/errors';
import { createAvroDecoder, createAvroEncoder, type EmitSchemaRegistryConfig, type SchemaRegistryDeps } from '../../engine/connectors/schemaRegistry/stageConfig';
import type { KafkaEmitConfig, KafkaSourceConfig } from '../../engine/io/types';
import type { SourceRecord } from '../../engine/core/source';
import { freePort } from '../infra/probe';
import { consumeAll, createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';
import { waitFor } from '../helpers/waitFor';
import { BIGINT_LONG } from '../helpers/avsc';

const FAST_RETRY = { policy: { initialDelayMs: 50, maxDelayMs: 200, maxElapsedMs: 1500 } };

/** Plain HTTP against the registry, independent of the client under test. */
async function http(env: IntegrationEnv, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = env.servers.schemaRegistry;
  const res = await fetch(`${r.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${r.username}:${r.password}`).toString('base64')}`, 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function registerRaw(env: IntegrationEnv, subject: string, schema: object): Promise<number> {
  const r = await http(env, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json['id'] as number;
}

function framed(id: number, body: Buffer): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt32BE(id, 1);
  return Buffer.concat([h, body]);
}

/** The registry connection as asp.connections.json would hold it, credentials by reference. */
function connection(env: IntegrationEnv, url = env.servers.schemaRegistry.url): SchemaRegistryConnection {
  return { name: 'sr1', type: 'SchemaRegistry', provider: 'CONFLUENT', schemaRegistryUrls: [url], schemaRegistryAuthentication: { type: 'USER_INFO', username: '${env:ASP_IT_SR_USER}', password: '${env:ASP_IT_SR_PASSWORD}' } };
}

function client(env: IntegrationEnv, opts: { url?: string; password?: string } = {}): SchemaRegistryClient {
  const r = env.servers.schemaRegistry;
  return schemaRegistryClientFor(connection(env, opts.url), { env: { ASP_IT_SR_USER: r.username, ASP_IT_SR_PASSWORD: opts.password ?? r.password }, retry: FAST_RETRY });
}

function sourceConfig(topic: string): KafkaSourceConfig {
  return { connectionName: 'kafka1', topics: [topic], fromBeginning: true, keyFormat: 'binData', keyFormatError: 'dlq', tsFieldName: '_ts' };
}

/** Read `count` records through a Kafka source with `decoder`, or until read() fails. */
async function readThrough(env: IntegrationEnv, topic: string, decoder: KafkaValueDecoder, count: number): Promise<{ records: SourceRecord[]; failure?: unknown }> {
  const src = new KafkaSource(sourceConfig(topic), { clock: systemClock, services: env.services, processorName: 'it', processorId: uniqueName('sr'), ephemeral: false, slotCount: 0 }, decoder);
  const records: SourceRecord[] = [];
  const ac = new AbortController();
  let failure: unknown;
  try {
    await src.connect(ac.signal);
    await waitFor(async () => {
      try {
        const b = await src.read(ac.signal);
        if (typeof b === 'object') records.push(...b.records);
      } catch (e) {
        failure = e;
        return true;
      }
      return records.length >= count;
    }, `${count} records from ${topic}`, 60_000);
  } finally {
    ac.abort();
    await src.close();
  }
  return { records, failure };
}

/** Push docs through a Kafka sink with `encoder` and drain; returns the dead letters. */
async function writeThrough(env: IntegrationEnv, topic: string, encoder: KafkaValueEncoder, docs: Doc[]): Promise<DlqInput[]> {
  const dlq: DlqInput[] = [];
  const cfg: KafkaEmitConfig = { kind: 'kafka', connectionName: 'kafka1', topic: { literal: topic }, keyFormat: 'binData', outputFormat: 'relaxedJson', isoDates: false, acks: 'all' };
  const sink = createKafkaSink(cfg, { clock: systemClock, slotCount: 0, dlq: (r) => dlq.push(r), processorName: 'it', services: env.services }, env.services, encoder);
  try {
    for (const d of docs) sink.push(d, { ts: Date.now(), source: { type: 'documents' } });
    await sink.drain?.();
  } finally {
    await sink.close?.();
  }
  return dlq;
}

const READING = {
  type: 'record', name: 'Reading', namespace: 'asp.it', fields: [
    { name: 'sensor', type: 'string' },
    { name: 'value', type: 'double' },
    { name: 'count', type: 'long' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'state', type: { type: 'enum', name: 'State', symbols: ['OK', 'FAIL'] } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

describe('Avro with a schema registry (real registry, real broker)', () => {
  let env: IntegrationEnv;
  before(async () => {
    env = await setup();
  });
  after(async () => {
    await env?.close();
  });

  it('decodes Confluent-framed Avro written by an independent producer; corrupt frames go to the DLQ with the reason', async () => {
    const topic = uniqueName('avro-in');
    await createTopic(env.admin, topic);
    const id = await registerRaw(env, `${topic}-value`, READING);
    const writer = avro.Type.forSchema(READING as avro.Schema);
    const at = Date.UTC(2024, 5, 1, 12, 0, 0, 250);
    const good = (i: number): Buffer => framed(id, writer.toBuffer({ sensor: `s${i}`, value: i / 2, count: 1000 + i, at: at + i, state: i % 2 ? 'FAIL' : 'OK', note: i === 0 ? 'first' : null }));
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { value: good(0) },
        { value: Buffer.from('{"sensor":"json"}') },
        { value: framed(987_654, Buffer.from([2, 0x61])) },
        { value: good(1).subarray(0, 9) },
        { value: Buffer.from([0, 0, 0]) },
        { value: good(2) },
      ],
    });
    await producer.disconnect();

    const { records, failure } = await readThrough(env, topic, new AvroValueDecoder(client(env)), 6);
    assert.equal(failure, undefined);
    assert.equal(records.length, 6, 'every record is accounted for');
    const docs = records.filter((r) => r.doc).map((r) => r.doc!);
    assert.deepEqual(docs.map((d) => ({ ...d, _ts: undefined })), [
      { sensor: 's0', value: 0, count: Long.fromNumber(1000), at: new Date(at), state: 'OK', note: 'first', _ts: undefined },
      { sensor: 's2', value: 1, count: Long.fromNumber(1002), at: new Date(at + 2), state: 'OK', note: null, _ts: undefined },
    ]);
    const reasons = records.filter((r) => r.dlq).map((r) => r.dlq!.reason);
    assert.equal(reasons.length, 4);
    for (const r of reasons) assert.match(r, /^Failed to parse input message with error:Avro deserialization failed: /);
    assert.match(reasons[0]!, /unknown magic byte 0x7b/);
    assert.match(reasons[1]!, /schema id 987654 is not in schema registry 'sr1'/);
    assert.match(reasons[2]!, new RegExp(`the body does not match schema id ${id}: the data ends inside a double: it takes 8 byte\\(s\\), 1 left \\(at byte 3\\)`));
    assert.match(reasons[3]!, /shorter than its 5-byte header/);
    assert.ok(records.filter((r) => r.dlq).every((r) => r.dlq!.operatorName === 'KafkaConsumerOperator'));
  });

  it('encodes with auto-registration under TopicNameStrategy; an independent avsc reader reads what was written', async () => {
    const topic = uniqueName('avro-out');
    await createTopic(env.admin, topic);
    const docs: Doc[] = [
      { sensor: 'a', value: 1.25, count: Long.fromString('9007199254740993'), at: new Date(Date.UTC(2025, 0, 1)), state: 'OK', _ts: new Date(), extra: 'not in the schema' },
      { sensor: 'b', value: 'not a number', count: 1, at: new Date(0), state: 'OK' },
      { sensor: 'c', value: 3, count: 2, at: new Date(5), state: 'MAYBE' },
      { sensor: 'd', value: -4, count: 3, at: new Date(6), state: 'FAIL', note: 'x' },
    ];
    const dlq = await writeThrough(env, topic, new AvroValueEncoder(client(env), { schema: READING }), docs);
    const latest = await http(env, 'GET', `/subjects/${topic}-value/versions/latest`);
    assert.equal(latest.status, 200, 'auto-registered under <topic>-value');
    const id = latest.json['id'] as number;
    const prefix = 'Failed to process input document in KafkaEmitOperator with error: Avro serialization failed: ';
    assert.deepEqual(dlq.map((d) => d.reason), [
      `${prefix}field 'value': expected a double, found string (schema id ${id})`,
      `${prefix}field 'state': 'MAYBE' is not a symbol of enum asp.it.State (OK, FAIL) (schema id ${id})`,
    ]);
    assert.deepEqual(dlq.map((d) => (d.doc as Doc)['sensor']), ['b', 'c']);

    const byId = await http(env, 'GET', `/schemas/ids/${id}`);
    // avsc with its defaults, except plain longs as bigints (2^53 + 1 is written below).
    const reader = avro.Type.forSchema(JSON.parse(byId.json['schema'] as string) as avro.Schema, { registry: { long: BIGINT_LONG } });
    const msgs = await consumeAll(env.kafka, topic, 2);
    const read = msgs.map((m) => {
      assert.equal(m.value![0], 0, 'magic byte');
      assert.equal(m.value!.readUInt32BE(1), id, 'the registered schema id');
      return { ...reader.fromBuffer(m.value!.subarray(5)) };
    });
    assert.deepEqual(read, [
      { sensor: 'a', value: 1.25, count: 9007199254740993n, at: Date.UTC(2025, 0, 1), state: 'OK', note: null },
      { sensor: 'd', value: -4, count: 3n, at: 6, state: 'FAIL', note: 'x' },
    ]);
  });

  it('logical types round-trip through the broker with the right BSON types', async () => {
    const topic = uniqueName('avro-logical');
    await createTopic(env.admin, topic);
    const schema = {
      type: 'record', name: 'Payment', namespace: 'asp.it', fields: [
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 3 } },
        { name: 'fee', type: ['null', { type: 'fixed', name: 'Fee', size: 6, logicalType: 'decimal', precision: 10, scale: 2 }], default: null },
        { name: 'raw', type: 'bytes' },
        { name: 'attrs', type: { type: 'map', values: ['null', 'long'] } },
        { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'n', type: 'int' }] } } },
      ],
    };
    const uuid = new Binary(Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex'), 4);
    const doc: Doc = {
      id: uuid,
      at: new Date('2025-06-07T08:09:10.123Z'),
      day: new Date('2025-06-07T00:00:00Z'),
      amount: Decimal128.fromString('-123456789.125'),
      fee: Decimal128.fromString('0.50'),
      raw: new Binary(Buffer.from([0, 255, 1])),
      attrs: { a: Long.fromNumber(1), b: null },
      items: [{ n: 1 }, { n: 2 }],
    };
    // Built the way the services will build them from the parsed stage configs.
    const r = env.servers.schemaRegistry;
    const deps: SchemaRegistryDeps = { connection: () => connection(env), env: { ASP_IT_SR_USER: r.username, ASP_IT_SR_PASSWORD: r.password }, retry: FAST_RETRY };
    const emitCfg: EmitSchemaRegistryConfig = { connectionName: 'sr1', valueSchema: { type: 'avro', schema, options: { autoRegisterSchemas: true, subjectNameStrategy: 'TopicNameStrategy' } } };
    assert.deepEqual(await writeThrough(env, topic, createAvroEncoder(emitCfg, deps), [doc]), []);
    const { records } = await readThrough(env, topic, createAvroDecoder({ connectionName: 'sr1' }, deps), 1);
    const got = { ...records[0]!.doc! };
    delete got['_ts'];
    assert.deepEqual(got, doc);
    assert.ok(got['at'] instanceof Date && got['day'] instanceof Date);
    assert.equal((got['id'] as Binary).sub_type, 4);
    assert.equal((got['amount'] as { _bsontype: string })._bsontype, 'Decimal128');
    assert.equal(((got['attrs'] as Doc)['a'] as { _bsontype: string })._bsontype, 'Long');
  });

  it('RecordNameStrategy and TopicRecordNameStrategy register under the record name', async () => {
    const topic = uniqueName('avro-subjects');
    await createTopic(env.admin, topic);
    const schema = { type: 'record', name: `R${Date.now().toString(36)}`, namespace: 'asp.it.subjects', fields: [{ name: 'a', type: 'int' }] };
    const full = `${schema.namespace}.${schema.name}`;
    for (const subjectNameStrategy of ['RecordNameStrategy', 'TopicRecordNameStrategy'] as const) {
      assert.deepEqual(await writeThrough(env, topic, new AvroValueEncoder(client(env), { schema, subjectNameStrategy }), [{ a: 1 }]), []);
    }
    const subjects = (await http(env, 'GET', '/subjects')).json as unknown as string[];
    assert.ok(subjects.includes(full), `subjects: ${JSON.stringify(subjects)}`);
    assert.ok(subjects.includes(`${topic}-${full}`));
    assert.ok(!subjects.includes(`${topic}-value`));
    const { records } = await readThrough(env, topic, new AvroValueDecoder(client(env)), 2);
    assert.deepEqual(records.map((r) => r.doc?.['a']), [1, 1]);
  });

  it('without auto-registration a schema must already be registered; without a schema the subject\'s latest is used', async () => {
    const topic = uniqueName('avro-noauto');
    await createTopic(env.admin, topic);
    const schema = { type: 'record', name: 'N', namespace: 'asp.it', fields: [{ name: 'a', type: 'string' }] };
    const opts: AvroEncoderOptions = { schema, autoRegisterSchemas: false };
    const missing = await writeThrough(env, topic, new AvroValueEncoder(client(env), opts), [{ a: 'x' }]);
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.reason, new RegExp(`Avro serialization failed: looking the value schema up under subject '${topic}-value': schema registry 'sr1' \\(http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7\\) answered HTTP 404`));
    const id = await registerRaw(env, `${topic}-value`, schema);
    assert.deepEqual(await writeThrough(env, topic, new AvroValueEncoder(client(env), opts), [{ a: 'y' }]), []);
    assert.deepEqual(await writeThrough(env, topic, new AvroValueEncoder(client(env)), [{ a: 'z' }]), []);
    const msgs = await consumeAll(env.kafka, topic, 2);
    assert.deepEqual(msgs.map((m) => m.value!.readUInt32BE(1)), [id, id]);
    assert.deepEqual(msgs.map((m) => avro.Type.forSchema(schema as avro.Schema).fromBuffer(m.value!.subarray(5)).a as string), ['y', 'z']);
  });

  it('wrong credentials fail the sink with a message that holds no secret; nothing is dead-lettered', async () => {
    const topic = uniqueName('avro-auth');
    await createTopic(env.admin, topic);
    const wrong = 'wrong-password-for-the-test';
    const enc = new AvroValueEncoder(client(env, { password: wrong }), { schema: READING });
    let dlq: DlqInput[] = [];
    await assert.rejects(async () => {
      dlq = await writeThrough(env, topic, enc, [{ sensor: 'a', value: 1, count: 1, at: new Date(0), state: 'OK' }]);
    }, (e: unknown) => e instanceof SchemaRegistryError && e.domain === 'user' && /refused the connection's credentials \(HTTP 401\)/.test(e.message) && !e.message.includes(wrong) && !e.message.includes(env.servers.schemaRegistry.password));
    assert.deepEqual(dlq, []);
  });

  it('an unreachable registry stops the source before the record; it is not dead-lettered', async () => {
    const topic = uniqueName('avro-down');
    await createTopic(env.admin, topic);
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: framed(1, Buffer.from([2, 0x61])) }] });
    await producer.disconnect();
    const port = await freePort(); // nothing listens there
    const { records, failure } = await readThrough(env, topic, new AvroValueDecoder(client(env, { url: `http://127.0.0.1:${port}` })), 1);
    assert.deepEqual(records, []);
    assert.ok(failure instanceof Error);
    assert.match(failure.message, new RegExp(`schema registry 'sr1' GET /schemas/ids/1 failed after \\d+ attempts: schema registry 'sr1' \\(http://127\\.0\\.0\\.1:${port}\\) is unreachable`));
  });
});
