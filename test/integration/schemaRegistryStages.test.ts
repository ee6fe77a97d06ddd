/**
 * Avro through a SchemaRegistry connection, end to end through the stages: `asp run` with a
 * registry file naming the real Apicurio registry (credentials by `${env:…}`) and the real
 * broker. `$source.schemaRegistry` decodes records written by an independent producer (plain
 * kafkajs, schema registered over plain HTTP, avsc encoding); `$emit.schemaRegistry` writes
 * records that an independent reader decodes with the schema fetched by its id. A corrupt
 * frame goes to the DLQ with its reason; a registry test connection answers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as avro from 'avsc';
import { loadConnectionRegistryText } from '../../engine/connectors/catalog/registry';
import { testConnection } from '../../engine/connectors/testConnection';
import { aspNodeArgs } from '../helpers/aspBin';
import { consumeAll, createTopic, setup, uniqueName, type IntegrationEnv } from './helpers';

const SCHEMA = {
  type: 'record', name: 'Reading', namespace: 'asp.stages', fields: [
    { name: 'device', type: 'string' },
    { name: 'watts', type: 'double' },
    { name: 'on', type: 'boolean' },
    { name: 'n', type: 'int' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'uid', type: { type: 'string', logicalType: 'uuid' } },
  ],
};
// The independent side reads logical types as their underlying types: decimal is the unscaled
// integer's two's-complement big-endian bytes, uuid its string.
const cents = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  let i = 0;
  while (i < 3 && ((b[i] === 0 && (b[i + 1]! & 0x80) === 0) || (b[i] === 0xff && (b[i + 1]! & 0x80) !== 0))) i++;
  return b.subarray(i);
};
/** A uuid as `asp run` prints it: binData subtype 4. */
const uuidEjson = (u: string) => ({ $binary: { base64: Buffer.from(u.replace(/-/g, ''), 'hex').toString('base64'), subType: '04' } });
const UID = ['0b6f3a52-1c1d-4e8a-9d3f-2a4b5c6d7e8f', '1c7f4b63-2d2e-4f9b-8e4a-3b5c6d7e8f90', '2d8a5c74-3e3f-4a0c-9f5b-4c6d7e8f9a01'];

/** Run the CLI as a user does, without blocking the event loop; resolves with its output. */
function asp(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...aspNodeArgs(), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('$source.schemaRegistry and $emit.schemaRegistry through asp run (real registry, real broker)', () => {
  let env: IntegrationEnv;
  let dir: string;
  let childEnv: NodeJS.ProcessEnv;
  const http = async (method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const r = env.servers.schemaRegistry;
    const res = await fetch(`${r.url}${p}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${r.username}:${r.password}`).toString('base64')}`, 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  before(async () => {
    env = await setup();
    dir = fs.mkdtempSync(path.join(env.stateDir, 'sr-stages-'));
    fs.writeFileSync(path.join(dir, 'asp.connections.json'), JSON.stringify({ connections: [
      { name: 'kafka1', type: 'Kafka', bootstrapServers: env.servers.kafkaBrokers },
      { name: 'sr1', type: 'SchemaRegistry', provider: 'CONFLUENT', schemaRegistryUrls: [env.servers.schemaRegistry.url], schemaRegistryAuthentication: { type: 'USER_INFO', username: '${env:ASP_IT_SR_USER}', password: '${env:ASP_IT_SR_PASSWORD}' } },
    ] }, null, 2));
    childEnv = { ...process.env, ASP_IT_SR_USER: env.servers.schemaRegistry.username, ASP_IT_SR_PASSWORD: env.servers.schemaRegistry.password, ASP_STATE_DIR: path.join(dir, 'state') };
  });
  after(async () => {
    await env?.close();
  });

  it('the SchemaRegistry entry loads from the file and its test connection answers', async () => {
    const r = loadConnectionRegistryText(fs.readFileSync(path.join(dir, 'asp.connections.json'), 'utf8'));
    assert.deepEqual(r.diagnostics, []);
    const t = await testConnection(r.registry.get('sr1')!, { env: childEnv, timeoutMs: 20_000 });
    assert.equal(t.ok, true, t.message);
    assert.match(t.message, /connected to the schema registry/);
    const wrong = await testConnection(r.registry.get('sr1')!, { env: { ...childEnv, ASP_IT_SR_PASSWORD: 'wrong-password' }, timeoutMs: 20_000 });
    assert.equal(wrong.ok, false);
    assert.match(wrong.message, /refused the credentials \(HTTP 401\)/);
    assert.ok(!wrong.message.includes('wrong-password'));
  });

  it('$source.schemaRegistry: records an independent producer wrote come out as documents; a corrupt frame is dead-lettered', async () => {
    const topic = uniqueName('sr-src');
    await createTopic(env.admin, topic);
    const reg = await http('POST', `/subjects/${encodeURIComponent(`${topic}-value`)}/versions`, { schema: JSON.stringify(SCHEMA) });
    assert.equal(reg.status, 200, JSON.stringify(reg.json));
    const id = reg.json['id'] as number;
    const type = avro.Type.forSchema(SCHEMA as avro.Schema);
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 600);
    const framed = (v: object): Buffer => {
      const h = Buffer.alloc(5);
      h.writeUInt32BE(id, 1);
      return Buffer.concat([h, type.toBuffer(v)]);
    };
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [
      { value: framed({ device: 'd0', watts: 1.5, on: true, n: 7, at, price: cents(1234), uid: UID[0] }) },
      { value: Buffer.from('{"not": "avro"}') },
      { value: framed({ device: 'd1', watts: 2.25, on: false, n: -3, at: at + 1, price: cents(-5), uid: UID[1] }) },
      { value: framed({ device: 'd2', watts: 0, on: true, n: 0, at: at + 2, price: cents(100000), uid: UID[2] }) },
    ] });
    await producer.disconnect();

    const pipeline = [
      { $source: { connectionName: 'kafka1', topic, config: { auto_offset_reset: 'earliest' }, schemaRegistry: { connectionName: 'sr1' } } },
      { $project: { _id: 0, device: 1, watts: 1, on: 1, n: 1, at: 1, price: 1, uid: 1 } },
    ];
    const file = path.join(dir, 'avro-in.asp.json');
    fs.writeFileSync(file, JSON.stringify(pipeline));
    const r = await asp(['run', file, '--limit', '3', '--timeout-ms', '90000'], childEnv, dir);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const docs = lines.filter((l) => !l['_dlqMessage']).map(({ _stream_meta: _, ...d }) => d);
    assert.deepEqual(docs, [
      { device: 'd0', watts: 1.5, on: true, n: 7, at: { $date: new Date(at).toISOString() }, price: { $numberDecimal: '12.34' }, uid: uuidEjson(UID[0]!) },
      { device: 'd1', watts: 2.25, on: false, n: -3, at: { $date: new Date(at + 1).toISOString() }, price: { $numberDecimal: '-0.05' }, uid: uuidEjson(UID[1]!) },
      { device: 'd2', watts: 0, on: true, n: 0, at: { $date: new Date(at + 2).toISOString() }, price: { $numberDecimal: '1000.00' }, uid: uuidEjson(UID[2]!) },
    ]);
    const dead = lines.filter((l) => l['_dlqMessage']).map((l) => l['_dlqMessage'] as Record<string, unknown>);
    assert.equal(dead.length, 1, r.out);
    assert.match(JSON.stringify(dead[0]), /Avro deserialization failed: .*unknown magic byte 0x7b/);
  });

  it('$emit.schemaRegistry: documents go out as Confluent-framed Avro that an independent reader decodes', async () => {
    const topic = uniqueName('sr-emit');
    await createTopic(env.admin, topic);
    const at = Date.UTC(2026, 5, 7, 8, 9, 10, 11);
    const pipeline = [
      { $source: { documents: [
        { device: 'e0', watts: 10.5, on: true, n: 1, at: { $date: new Date(at).toISOString() }, price: { $numberDecimal: '19.99' }, uid: uuidEjson(UID[0]!) },
        { device: 'e1', watts: 'not a number', on: true, n: 2, at: { $date: new Date(at).toISOString() }, price: { $numberDecimal: '1' }, uid: UID[1] },
        { device: 'e2', watts: -1, on: false, n: 3, at: { $date: new Date(at + 1).toISOString() }, price: 3, uid: UID[2] },
      ] } },
      { $emit: { connectionName: 'kafka1', topic, schemaRegistry: { connectionName: 'sr1', valueSchema: { type: 'avro', schema: SCHEMA, options: { autoRegisterSchemas: true, subjectNameStrategy: 'TopicNameStrategy' } } } } },
    ];
    const file = path.join(dir, 'avro-out.asp.json');
    fs.writeFileSync(file, JSON.stringify(pipeline));
    const r = await asp(['run', file, '--timeout-ms', '90000'], childEnv, dir);
    assert.equal(r.code, 0, r.err);
    const dead = r.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['_dlqMessage']);
    assert.equal(dead.length, 1, r.out);
    assert.match(JSON.stringify(dead[0]), /Avro serialization failed: field 'watts': expected a double, found string/);

    const latest = await http('GET', `/subjects/${encodeURIComponent(`${topic}-value`)}/versions/latest`);
    assert.equal(latest.status, 200, 'the schema was registered under <topic>-value');
    const messages = await consumeAll(env.kafka, topic, 2, 60_000);
    const got = [];
    for (const m of messages) {
      const v = m.value!;
      assert.equal(v[0], 0, 'magic byte');
      const id = v.readUInt32BE(1);
      const s = await http('GET', `/schemas/ids/${id}`);
      assert.equal(s.status, 200);
      got.push(avro.Type.forSchema(JSON.parse(s.json['schema'] as string) as avro.Schema).fromBuffer(v.subarray(5)) as Record<string, unknown>);
    }
    assert.deepEqual(got.map((g) => ({ ...g })), [
      { device: 'e0', watts: 10.5, on: true, n: 1, at, price: cents(1999), uid: UID[0] },
      { device: 'e2', watts: -1, on: false, n: 3, at: at + 1, price: cents(300), uid: UID[2] },
    ]);
  });
});
