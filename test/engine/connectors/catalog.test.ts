/**
 * The connector catalog (engine/connectors/catalog): every kind's table is complete and
 * documented; every secret is refused as a literal in a file (ASP506) and accepted as
 * `${env:NAME}`; a registry exported from Atlas with all ten Admin API types loads whole;
 * stages on connections the local engine cannot reach get the Atlas-only warning (ASP512),
 * not ASP503 or ASP511; the SASL mechanisms the engine accepts are exactly the ones the kind
 * marks local; listStreamConnections fields and test connection come from the kinds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection, KafkaConnection } from '../../../engine/connections/types';
import type { Doc } from '../../../engine/core/types';
import { BUILTIN_CONNECTIONS, CONNECTION_KINDS, FILE_TYPES, fieldAt, kindOf, publicFields, secretFields } from '../../../engine/connectors/catalog/index';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';
import { LOCAL_SASL_MECHANISMS, SASL_MECHANISMS } from '../../../engine/connectors/kafka/kind';
import { kafkaClientConfig } from '../../../engine/connectors/kafka/config';
import { testConnection } from '../../../engine/connectors/testConnection';
import type { FieldSpec } from '../../../engine/parse/fieldSpec';
import { analyzeText } from '../../../engine/pipeline/analyze';

const ADMIN_API_TYPES = ['Kafka', 'Cluster', 'Sample', 'Https', 'AWSLambda', 'S3', 'AWSKinesisDataStreams', 'AzureBlobStorage', 'GCPPubSub', 'SchemaRegistry'];
const ATLAS_EXPORT = readFileSync(join(__dirname, 'fixtures', 'atlas-connections.json'), 'utf8');

function walk(fields: readonly FieldSpec[], at: string, visit: (f: FieldSpec, path: string) => void): void {
  for (const f of fields) {
    visit(f, `${at}${f.name}`);
    if (f.fields) walk(f.fields, `${at}${f.name}.`, visit);
  }
}

/** A minimal entry of `type` that loads cleanly: its template, with `${env:…}` for secrets. */
function minimal(type: string): Doc {
  const kind = kindOf(type)!;
  return { name: `my${type}`, type, ...structuredClone(kind.template ?? {}) };
}

function setPath(o: Doc, path: string, v: unknown): void {
  const keys = path.split('.');
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Doc;
  cur[keys.at(-1)!] = v;
}

const load = (entries: unknown[]) => loadConnectionRegistryText(JSON.stringify({ connections: entries }, null, 2));
const errors = (entries: unknown[]) => load(entries).diagnostics.filter((d) => d.severity === 'error');

describe('connection kinds', () => {
  it('cover every Admin API connection type, plus the local built-ins, once each', () => {
    assert.deepEqual([...FILE_TYPES].sort(), [...ADMIN_API_TYPES].sort());
    assert.deepEqual(CONNECTION_KINDS.map((k) => k.type).sort(), [...ADMIN_API_TYPES, 'Local', 'TestLog'].sort());
    assert.deepEqual(BUILTIN_CONNECTIONS.map((c) => c.name).sort(), ['__testLog', 'local', 'sample_stream_solar']);
  });

  for (const kind of CONNECTION_KINDS) {
    it(`${kind.type}: every field has a description, every form path is a field, the texts are filled in`, () => {
      walk(kind.fields, '', (f, path) => {
        assert.ok(f.description.trim().length > 10, `${kind.type}.${path} needs a description`);
        if (f.enum) assert.ok(f.enum.length > 0, `${kind.type}.${path}: empty enum`);
        for (const v of f.localEnum ?? []) assert.ok(f.enum?.includes(v), `${kind.type}.${path}: local value ${String(v)} is not in the enum`);
        if (f.secret) assert.equal(f.fields, undefined, `${kind.type}.${path}: a secret is a leaf`);
      });
      for (const p of kind.form) assert.ok(fieldAt(kind, p.split('.')), `${kind.type}: form path ${p} is not in the table`);
      for (const text of [kind.summary, kind.usedFor, kind.icon]) assert.ok(text.length > 0);
      assert.match(kind.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//);
      for (const b of kind.builtins ?? []) assert.equal(b.type, kind.type);
      if (kind.inFile !== false) assert.deepEqual(errors([minimal(kind.type)]), [], `${kind.type}: its template loads`);
    });
  }
});

describe('secrets in the registry file', () => {
  for (const kind of CONNECTION_KINDS.filter((k) => k.inFile !== false)) {
    for (const s of secretFields(kind)) {
      it(`${kind.type}.${s.path}: a literal is ASP506, \${env:NAME} is accepted`, () => {
        const literal = minimal(kind.type);
        setPath(literal, s.path, s.secret === 'userinfo' ? 'mongodb://app:hunter2@127.0.0.1:27017' : 'hunter2');
        const d = load([literal]).diagnostics.filter((x) => x.code === 'ASP506');
        assert.equal(d.length, 1, JSON.stringify(load([literal]).diagnostics));
        const ref = minimal(kind.type);
        setPath(ref, s.path, s.secret === 'userinfo' ? 'mongodb://app:${env:PW}@127.0.0.1:27017' : '${env:ASP_SECRET}');
        assert.deepEqual(load([ref]).diagnostics.filter((x) => x.code === 'ASP506'), []);
      });
    }
  }

  it('secrets the Admin API marks write-only are all declared', () => {
    const paths = (t: string) => secretFields(kindOf(t)!).map((s) => s.path).sort();
    assert.deepEqual(paths('Kafka'), ['authentication.clientSecret', 'authentication.password', 'authentication.sslKey', 'authentication.sslKeyPassword']);
    assert.deepEqual(paths('SchemaRegistry'), ['schemaRegistryAuthentication.password']);
    assert.deepEqual(paths('Https'), ['headers.Authorization']);
    assert.deepEqual(paths('Cluster'), ['uri']);
  });
});

describe('a registry exported from Atlas', () => {
  const r = loadConnectionRegistryText(ATLAS_EXPORT, 'atlas-connections.json');

  it('loads whole: all ten types, read-only fields and all, no errors', () => {
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const entries = (JSON.parse(ATLAS_EXPORT) as { connections: { name: string; type: string }[] }).connections;
    for (const e of entries) assert.equal(r.registry.get(e.name)?.type, e.type, e.name);
    assert.deepEqual([...new Set(entries.map((e) => e.type))].sort(), [...ADMIN_API_TYPES].sort());
  });

  it('warns where Atlas left a secret out (it never returns passwords), pointing at the entry', () => {
    const w = r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    assert.ok(w.some((m) => /authentication has a username but no "password"/.test(m)), w.join('\n'));
    assert.ok(w.some((m) => /USER_INFO authentication has no "password"/.test(m)), w.join('\n'));
    assert.ok(w.every((m) => /password/.test(m)), w.join('\n'));
  });

  it('stages on its Atlas-only connections get ASP512 (a warning), never ASP503 or ASP511', () => {
    const registry = r.registry;
    const cases: [string, string][] = [
      ['$source on Kinesis', '[{"$source": {"connectionName": "kinesisOrders", "stream": "orders"}}, {"$emit": {"connectionName": "kafkaProd", "topic": "t"}}]'],
      ['$emit to S3', '[{"$source": {"connectionName": "sample_stream_solar"}}, {"$emit": {"connectionName": "s3Archive", "bucket": "b", "path": "p"}}]'],
      ['$source on a Kafka that authenticates with OAUTHBEARER', '[{"$source": {"connectionName": "kafkaOidc", "topic": "t"}}, {"$emit": {"connectionName": "__testLog"}}]'],
      ['$merge into a Cluster without a local uri', '[{"$source": {"connectionName": "sample_stream_solar"}}, {"$merge": {"into": {"connectionName": "atlasCluster", "db": "d", "coll": "c"}}}]'],
    ];
    for (const [what, text] of cases) {
      const d = analyzeText(text, { connections: registry, mode: 'processor' }).diagnostics;
      assert.deepEqual(d.filter((x) => x.severity === 'error'), [], `${what}: ${JSON.stringify(d)}`);
      const w = d.filter((x) => x.code === 'ASP512');
      assert.equal(w.length, 1, `${what}: ${JSON.stringify(d)}`);
      assert.equal(w[0]!.severity, 'warning');
      assert.match(w[0]!.message, /runs on Atlas only/);
    }
  });

  it('listStreamConnections fields: type-specific, never a secret or a local uri', () => {
    const fields = Object.fromEntries(r.registry.list().map((c) => [c.name, publicFields(c)]));
    assert.equal(fields['kafkaProd']!['bootstrapServers'], 'b-1.msk.example.com:9096,b-2.msk.example.com:9096');
    assert.deepEqual(fields['kafkaProd']!['authentication'], { mechanism: 'SCRAM-512', username: 'asp-writer' });
    assert.equal(fields['atlasCluster']!['clusterName'], 'Cluster0');
    assert.equal(fields['kinesisOrders']!['region'], 'US_EAST_1');
    assert.equal(fields['weatherApi']!['url'], 'https://api.example.com/v1');
    assert.equal(fields['weatherApi']!['headers'], undefined, 'header values may be credentials');
    const withSecrets = load([
      { name: 'k', type: 'Kafka', bootstrapServers: 'h:1', authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:KPW}' } },
      { name: 'c', type: 'Cluster', uri: 'mongodb://u:${env:MPW}@h:1' },
    ]).registry;
    const shown = JSON.stringify(withSecrets.list().map(publicFields));
    assert.ok(!shown.includes('KPW') && !shown.includes('MPW') && !shown.includes('mongodb://'), shown);
  });
});

describe('one list of SASL mechanisms', () => {
  it('the engine connects with exactly the mechanisms the Kafka kind marks local, and names the others Atlas-only', () => {
    const base: KafkaConnection = { name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' };
    for (const m of SASL_MECHANISMS) {
      const conn: KafkaConnection = { ...base, authentication: { mechanism: m, username: 'u', password: 'p' } };
      if (LOCAL_SASL_MECHANISMS.includes(m as never)) assert.ok(kafkaClientConfig(conn, {}).sasl, m);
      else assert.throws(() => kafkaClientConfig(conn, {}), new RegExp(`mechanism ${m} runs on Atlas only`));
    }
    const field = fieldAt(kindOf('Kafka')!, ['authentication', 'mechanism'])!;
    assert.deepEqual(field.enum, SASL_MECHANISMS);
    assert.deepEqual(field.localEnum, LOCAL_SASL_MECHANISMS);
  });
});

describe('test connection through the kinds', () => {
  it('built-ins answer from their kind, Atlas-only types and unreachable entries say why, without I/O', async () => {
    for (const c of BUILTIN_CONNECTIONS) assert.equal((await testConnection(c)).ok, true, c.name);
    const s3: Connection = { name: 's3', type: 'S3', aws: { roleArn: 'arn:aws:iam::1:role/r' } };
    const r = await testConnection(s3);
    assert.equal(r.ok, false);
    assert.match(r.message, /S3 connections run on Atlas only/);
    const oidc = await testConnection({ name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:1', authentication: { mechanism: 'AWS_MSK_IAM' } });
    assert.match(oidc.message, /AWS_MSK_IAM runs on Atlas only/);
  });
});
