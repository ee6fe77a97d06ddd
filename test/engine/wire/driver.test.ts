/**
 * The Node driver (the `mongodb` package, not written by this team) against the wire front door:
 * the connect-time commands, every stream command with the driver's nested `options` placement
 * and mongosh's top-level one, Atlas's error codes, SCRAM-SHA-256 and TLS.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient, MongoServerError, type Document } from 'mongodb';
import { COMMAND_NAMES } from '../../../engine/wire/commandTable';
import { resolveWireOptions } from '../../../engine/wire/options';
import { startWire } from './_support';

type Hooks = { after(fn: () => void | Promise<void>): void };

async function client(t: Hooks, port: number, extra = '', opts: object = {}, query = ''): Promise<MongoClient> {
  const c = new MongoClient(`mongodb://${extra}127.0.0.1:${port}/?serverSelectionTimeoutMS=30000${query}`, opts);
  t.after(() => c.close());
  await c.connect();
  return c;
}

async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof MongoServerError, `expected a MongoServerError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the command to fail');
}

const SOLAR = [{ $source: { connectionName: 'sample_stream_solar' } }, { $merge: { into: { connectionName: 'local', db: 'wire', coll: 'solar' } } }];

async function until<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('driver: connects; the connect-time commands are answered; unknown commands are CommandNotFound', async (t) => {
  const w = await startWire(t);
  const c = await client(t, w.port);
  const admin = c.db('admin');
  assert.equal((await admin.command({ ping: 1 }))['ok'], 1);
  const info = await admin.command({ buildInfo: 1 });
  assert.equal(info['version'], '7.0.0');
  assert.equal((await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 }))['featureCompatibilityVersion'].version, '7.0');
  assert.match((await admin.command({ atlasVersion: 1 }))['atlasVersion'], /^asp-studio-local-/);
  const hello = await admin.command({ hello: 1 });
  assert.equal(hello['isWritablePrimary'], true);
  assert.equal(hello['maxBsonObjectSize'], 16 * 1024 * 1024);
  assert.equal(hello['maxMessageSizeBytes'], 48_000_000);
  const e = await serverError(admin.command({ find: 'x' }));
  assert.deepEqual([e.code, e.codeName, e.message], [59, 'CommandNotFound', "no such command: 'find'"]);
  await c.close();
  const names = [...new Set(w.commands.map((x) => `${x.op} ${x.name}`))];
  process.stdout.write(`driver sent at connect and close: ${names.join(', ')}\n`);
  // The driver's handshake is the legacy OP_QUERY ismaster; everything else it sent is in the table.
  assert.equal(names[0], 'OP_QUERY ismaster');
  assert.deepEqual(w.commands.map((x) => x.name).filter((n) => n !== 'find' && !COMMAND_NAMES.includes(n)), []);
});

test('driver: load-balanced mode, as drivers connect to Atlas workspaces, works too', async (t) => {
  const w = await startWire(t);
  const c = await client(t, w.port, '', {}, '&loadBalanced=true');
  assert.equal((await c.db('admin').command({ listWorkspaceDefaults: 1 }))['ok'], 1);
  assert.equal(w.commands[0]?.op, 'OP_MSG', 'a load-balanced handshake is OP_MSG hello');
  assert.equal(w.commands[0]?.name, 'hello');
});

test('driver: the processor lifecycle with the driver placement (nested options) and Atlas error codes', async (t) => {
  const w = await startWire(t);
  const admin = (await client(t, w.port)).db('admin');
  const dlq = { connectionName: 'local', db: 'wire', coll: 'dlq' };
  assert.equal((await admin.command({ createStreamProcessor: 'solar', pipeline: SOLAR, options: { dlq } }))['ok'], 1);
  const dup = await serverError(admin.command({ createStreamProcessor: 'solar', pipeline: SOLAR }));
  assert.deepEqual([dup.code, dup.codeName], [416, 'StreamProcessorAlreadyExists']);
  const bad = await serverError(admin.command({ createStreamProcessor: 'bad', pipeline: [{ $source: { connectionName: 'nope' } }, { $merge: { into: { connectionName: 'local', db: 'a', coll: 'b' } } }] }));
  assert.deepEqual([bad.code, bad.codeName], [420, 'StreamProcessorInvalidOptions']);
  assert.match(bad.message, /nope/);
  const typed = await serverError(admin.command({ createStreamProcessor: 1, pipeline: [] }));
  assert.deepEqual([typed.code, typed.message], [14, "BSON field 'createStreamProcessor.createStreamProcessor' is the wrong type 'int', expected type 'string'"]);

  const both = await serverError(admin.command({ startStreamProcessor: 'solar', resumeFromCheckpoint: true, options: { resumeFromCheckpoint: false } }));
  assert.equal(both.code, 420);
  assert.match(both.message, /both at the top level and in 'options'/);
  assert.equal((await admin.command({ startStreamProcessor: 'solar', workers: 1, options: { clearCheckpoints: true } }))['ok'], 1);
  const again = await serverError(admin.command({ startStreamProcessor: 'solar' }));
  assert.deepEqual([again.code, again.codeName], [20, 'IllegalOperation']);

  const stats = await until(async () => {
    const s = await admin.command({ getStreamProcessorStats: 'solar', options: { verbose: true } });
    return s['stats'].inputMessageCount >= 2 ? s : undefined;
  }, 'two input messages');
  assert.equal(stats['name'], 'solar');
  assert.equal(stats['state'], 'STARTED');
  assert.ok(Array.isArray(stats['stats'].operatorStats), 'verbose (nested) gives operatorStats');
  assert.deepEqual(stats['pipeline'], SOLAR);

  const cur = await admin.command({ startSampleStreamProcessor: 'solar', options: { limit: 3 } });
  assert.equal(typeof cur['cursorId'], 'number');
  const sampled: Document[] = [];
  let id: unknown = cur['cursorId'];
  while (String(id) !== '0') {
    const more = await admin.command({ getMoreSampleStreamProcessor: 'solar', cursorId: id, batchSize: 2 });
    assert.ok(more['messages'].length <= 2, 'batchSize is honoured');
    sampled.push(...more['messages']);
    id = more['cursorId'];
    if (more['messages'].length === 0) await new Promise((r) => setImmediate(r));
  }
  assert.equal(sampled.length, 3);
  assert.ok(sampled.every((d) => typeof d['device_id'] === 'string' && d['obs'] !== undefined));

  const info = await admin.command({ getStreamProcessor: 'solar' });
  assert.deepEqual([info['name'], info['state'], info['hasStarted']], ['solar', 'STARTED', true]);
  assert.deepEqual(info['dlq'], dlq);
  assert.equal(typeof info['stats'].inputMessageCount, 'number');

  assert.equal((await admin.command({ stopStreamProcessor: 'solar' }))['ok'], 1);
  const stopped = await serverError(admin.command({ stopStreamProcessor: 'solar' }));
  assert.equal(stopped.codeName, 'IllegalOperation');
  const piped = [SOLAR[0]!, { $match: { 'obs.watts': { $gte: 0 } } }, SOLAR[1]!];
  assert.equal((await admin.command({ modifyStreamProcessor: 'solar', pipeline: piped, name: 'solar2', options: { resumeFromCheckpoint: false } }))['ok'], 1);
  const list = await admin.command({ listStreamProcessors: 1, filter: { name: 'solar2' } });
  assert.deepEqual(list['streamProcessors'].map((p: Document) => [p['name'], p['state']]), [['solar2', 'STOPPED']]);
  assert.deepEqual(list['streamProcessors'][0].pipeline, piped);
  const all = await admin.command({ listStreamProcessors: 1, filter: null });
  assert.equal(all['streamProcessors'].length, 1);
  assert.deepEqual(await admin.command({ listWorkspaceDefaults: 1 }), { ok: 1, defaultTierSize: 'SP10', maxTierSize: 'SP50' });

  assert.equal((await admin.command({ dropStreamProcessor: 'solar2' }))['ok'], 1);
  const gone = await serverError(admin.command({ dropStreamProcessor: 'solar2' }));
  assert.deepEqual([gone.code, gone.codeName, gone.message], [415, 'StreamProcessorDoesNotExist', "Stream processor 'solar2' does not exist"]);
  assert.equal((await admin.command({ listStreamProcessors: 1 }))['streamProcessors'].length, 0);
});

test('driver: processStreamProcessor runs through the sample cursor; getMore defaults to Atlas batches of 5', async (t) => {
  const w = await startWire(t);
  const admin = (await client(t, w.port)).db('admin');
  const docs = Array.from({ length: 12 }, (_, i) => ({ i }));
  const r = await admin.command({ processStreamProcessor: [{ $source: { documents: docs } }, { $project: { i: 1, _id: 0 } }] });
  assert.match(r['name'], /^preview-/);
  const seen: number[] = [];
  let id: unknown = r['cursorId'];
  while (String(id) !== '0') {
    const more = await admin.command({ getMoreSampleStreamProcessor: r['name'], cursorId: id });
    assert.ok(more['messages'].length <= 5);
    seen.push(...more['messages'].map((m: Document) => m['i'] as number));
    id = more['cursorId'];
    if (more['messages'].length === 0) await new Promise((res) => setImmediate(res));
  }
  assert.deepEqual(seen, docs.map((d) => d.i));
  assert.equal((await admin.command({ dropStreamProcessor: r['name'] }))['ok'], 1);
});

test('driver: listStreamConnections gives names, types and the non-secret fields, never a secret or a local uri', async (t) => {
  const secret = 'Sup3r-Secret-Password';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-wire-conn-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'asp.connections.json');
  fs.writeFileSync(file, JSON.stringify({ connections: [
    { name: 'cluster0', type: 'Cluster', uri: 'mongodb://app:${env:WIRE_TEST_PW}@127.0.0.1:1/' },
    { name: 'kafka0', type: 'Kafka', bootstrapServers: '127.0.0.1:1', authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:WIRE_TEST_PW}' } },
  ] }));
  process.env['WIRE_TEST_PW'] = secret;
  t.after(() => delete process.env['WIRE_TEST_PW']);
  const w = await startWire(t, {}, process.env, file);
  const admin = (await client(t, w.port)).db('admin');
  const r = await admin.command({ listStreamConnections: 1, filter: null });
  const byName = Object.fromEntries(r['connections'].map((c: Document) => [c['name'], c]));
  assert.deepEqual(byName['cluster0'], { name: 'cluster0', type: 'Cluster', origin: 'registry' });
  assert.deepEqual(byName['kafka0'], { name: 'kafka0', type: 'Kafka', origin: 'registry', bootstrapServers: '127.0.0.1:1', authentication: { mechanism: 'PLAIN', username: 'u' } });
  assert.ok(!JSON.stringify(r).includes(secret) && !JSON.stringify(r).includes('WIRE_TEST_PW'));
  const one = await admin.command({ listStreamConnections: 1, filter: { type: 'Kafka' } });
  assert.deepEqual(one['connections'].map((c: Document) => c['name']), ['kafka0']);
});

test('driver: with credentials SCRAM-SHA-256 is required: right password in, wrong password and no password out', async (t) => {
  const env = { ...process.env, WIRE_USER: 'asp', WIRE_PW: 'correct horse battery' };
  const w = await startWire(t, { user: '${env:WIRE_USER}', password: '${env:WIRE_PW}' }, env);
  const good = await client(t, w.port, `asp:${encodeURIComponent('correct horse battery')}@`);
  assert.equal((await good.db('admin').command({ listStreamProcessors: 1 }))['ok'], 1);
  const names = w.commands.map((c) => c.name);
  assert.ok(names.includes('saslContinue'), `SCRAM ran: ${names.join(', ')}`);

  const wrong = new MongoClient(`mongodb://asp:wrong@127.0.0.1:${w.port}/?serverSelectionTimeoutMS=30000`);
  t.after(() => wrong.close());
  const e = await serverError(wrong.connect());
  assert.deepEqual([e.code, e.codeName], [18, 'AuthenticationFailed']);
  const unknown = new MongoClient(`mongodb://nobody:${encodeURIComponent('correct horse battery')}@127.0.0.1:${w.port}/?serverSelectionTimeoutMS=30000`);
  t.after(() => unknown.close());
  assert.equal((await serverError(unknown.connect())).code, 18);
  const sha1 = new MongoClient(`mongodb://asp:x@127.0.0.1:${w.port}/?authMechanism=SCRAM-SHA-1&serverSelectionTimeoutMS=30000`);
  t.after(() => sha1.close());
  assert.equal((await serverError(sha1.connect())).codeName, 'MechanismUnavailable');

  const anon = await client(t, w.port);
  const refused = await serverError(anon.db('admin').command({ listStreamProcessors: 1 }));
  assert.deepEqual([refused.code, refused.codeName, refused.message], [13, 'Unauthorized', 'command listStreamProcessors requires authentication']);
  assert.equal((await anon.db('admin').command({ hello: 1 }))['ok'], 1, 'the handshake stays open');
  const all = JSON.stringify(w.logs) + JSON.stringify(refused) + JSON.stringify(e);
  assert.ok(!all.includes('correct horse battery'), 'no password in replies or logs');
});

test('wire options: a non-loopback address needs credentials; passwords must be env references', () => {
  assert.throws(() => resolveWireOptions({ host: '0.0.0.0', port: 27017 }), /listens beyond this machine: it requires SCRAM-SHA-256 credentials/);
  assert.throws(() => resolveWireOptions({ host: '127.0.0.1', port: 1, user: 'u', password: 'hunter22' }), /must be an \$\{env:NAME\} reference, never the password itself/);
  assert.throws(() => resolveWireOptions({ host: '127.0.0.1', port: 1, user: 'u', password: '${env:WIRE_NOT_SET_X}' }, {}), /WIRE_NOT_SET_X is not set/);
  assert.throws(() => resolveWireOptions({ host: '127.0.0.1', port: 1, user: 'u' }), /go together/);
  assert.throws(() => resolveWireOptions({ host: '127.0.0.1', port: 1, tlsCert: 'a' }), /go together/);
  const ok = resolveWireOptions({ host: '192.0.2.1', port: 1, user: 'u', password: '${env:P}' }, { P: 'pw-value' });
  assert.equal(ok.credential?.user, 'u');
  assert.ok(!JSON.stringify({ ...ok, credential: undefined, secrets: undefined }).includes('pw-value'));
});

test('driver: TLS with a given certificate and key', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asp-wire-tls-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const w = await startWire(t, { tlsCert: cert, tlsKey: key });
  const c = await client(t, w.port, '', { tls: true, tlsCAFile: cert });
  assert.equal((await c.db('admin').command({ listWorkspaceDefaults: 1 }))['ok'], 1);
  const plain = new MongoClient(`mongodb://127.0.0.1:${w.port}/?serverSelectionTimeoutMS=3000`);
  t.after(() => plain.close());
  await assert.rejects(plain.connect(), 'a plain-TCP client cannot talk to the TLS door');
});
