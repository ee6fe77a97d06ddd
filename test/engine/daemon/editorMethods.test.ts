/**
 * asp/validate and asp/testConnection through a real JSON-RPC connection to an in-process
 * instance, without test servers (test/integration/testConnection.test.ts has the real ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as P from '../../../shared/protocol';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { rpcError, startInstance } from '../../helpers/instance';

const codes = (ds: { code: string }[]): string[] => ds.map((d) => d.code);
const noStack = (msg: string): void => assert.doesNotMatch(msg, /\n\s+at /, 'no stack trace in the message');

test('asp/validate returns the same diagnostics as analyzeText with the instance registry', async (t) => {
  const { inst, rpc } = await startInstance(t, [{ name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:1' }]);
  const cases: [string, string, string[]][] = [
    ['a preview without a sink (an Information hint)', JSON.stringify([{ $source: { connectionName: 'sample_stream_solar' } }, { $match: { x: 1 } }]), ['ASP206']],
    ['an unknown connection', JSON.stringify([{ $source: { connectionName: 'nope' } }]), ['ASP206', 'ASP510']],
    ['a registry connection is known', JSON.stringify([{ $source: { connectionName: 'k', topic: 't' } }, { $merge: { into: { connectionName: 'local', db: 'd', coll: 'c' } } }]), []],
    ['broken JSON', '[{"$match": ', ['ASP101', 'ASP101', 'ASP101']],
  ];
  for (const [what, text, expected] of cases) {
    const reply = await rpc.sendRequest(P.validate.method, { text, file: '/tmp/x.asp.json' }) as { diagnostics: { code: string; line: number; col: number }[] };
    const direct = analyzeText(text, { connections: inst['registry'], file: '/tmp/x.asp.json', mode: 'either' });
    assert.deepEqual(reply.diagnostics, JSON.parse(JSON.stringify(direct.diagnostics)), what);
    assert.deepEqual(codes(reply.diagnostics), expected, what);
  }
});

test('asp/validate reads the file when no text is given, and checks a registry file as a registry', async (t) => {
  const { rpc, dir } = await startInstance(t);
  const file = path.join(dir, 'p.asp.json');
  fs.writeFileSync(file, JSON.stringify([{ $source: { connectionName: 'sample_stream_solar' } }, { $limit: 'x' }]));
  const fromFile = (await rpc.sendRequest(P.validate.method, { file })) as { diagnostics: { code: string }[] };
  assert.deepEqual(codes(fromFile.diagnostics), ['ASP206', 'ASP208'], 'a $limit outside a window is reported');

  const reg = path.join(dir, 'asp.connections.json');
  const bad = JSON.stringify({ connections: [{ name: 'x', type: 'Kafka' }] });
  const r = (await rpc.sendRequest(P.validate.method, { text: bad, file: reg })) as { diagnostics: { code: string; severity: string }[] };
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['ASP502', 'error']], 'a Kafka entry without bootstrapServers is an error');

  const e = await rpcError(rpc.sendRequest(P.validate.method, {}));
  assert.equal(e.code, P.AspErrorCodes.InvalidOptions);
  const missing = await rpcError(rpc.sendRequest(P.validate.method, { file: path.join(dir, 'absent.asp.json') }));
  assert.equal(missing.code, P.AspErrorCodes.NotFound);
});

test('asp/validate in ephemeral mode does not ask for a sink', async (t) => {
  const { rpc } = await startInstance(t);
  const text = JSON.stringify({ name: 'p', pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }] });
  const either = (await rpc.sendRequest(P.validate.method, { text })) as { diagnostics: { code: string }[] };
  assert.deepEqual(codes(either.diagnostics), ['ASP206']);
  const eph = (await rpc.sendRequest(P.validate.method, { text, ephemeral: true })) as { diagnostics: unknown[] };
  assert.deepEqual(eph.diagnostics, []);
});

test('asp/testConnection: built-ins answer ok, bad requests and unknown names are errors', async (t) => {
  const { rpc } = await startInstance(t);
  for (const name of ['local', 'sample_stream_solar', '__testLog']) {
    const r = (await rpc.sendRequest(P.testConnection.method, { name })) as P.TestConnectionReply;
    assert.equal(r.ok, true, name);
    assert.equal(typeof r.latencyMs, 'number');
  }
  const unknown = await rpcError(rpc.sendRequest(P.testConnection.method, { name: 'nope' }));
  assert.equal(unknown.code, P.AspErrorCodes.NotFound);
  assert.match(unknown.message, /nope/);
  const none = await rpcError(rpc.sendRequest(P.testConnection.method, {}));
  assert.equal(none.code, P.AspErrorCodes.InvalidOptions);
});

test('asp/testConnection: unreachable Kafka and MongoDB fail within the timeout with a clear message', async (t) => {
  const { rpc } = await startInstance(t, [
    { name: 'deadKafka', type: 'Kafka', bootstrapServers: '127.0.0.1:1' },
    { name: 'deadMongo', type: 'Cluster', uri: 'mongodb://127.0.0.1:1/?directConnection=true' },
    { name: 'noUri', type: 'Cluster' },
    { name: 'envKafka', type: 'Kafka', bootstrapServers: '${env:ASP_DM_TEST_UNSET_VAR}' },
  ]);
  const cases: [string, RegExp][] = [
    ['deadKafka', /cannot connect to Kafka at 127\.0\.0\.1:1: .*ECONNREFUSED/],
    ['deadMongo', /cannot reach MongoDB: .*(ECONNREFUSED|timed out|Server selection)/i],
    ['noUri', /no local "uri"/],
    ['envKafka', /ASP_DM_TEST_UNSET_VAR is not set/],
  ];
  for (const [name, msg] of cases) {
    const started = Date.now();
    const r = (await rpc.sendRequest(P.testConnection.method, { name, timeoutMs: 2_000 })) as P.TestConnectionReply;
    assert.equal(r.ok, false, name);
    assert.match(r.message, msg, name);
    noStack(r.message);
    assert.ok(Date.now() - started < 10_000, `${name} answered within the timeout (took ${Date.now() - started} ms)`);
  }
});
