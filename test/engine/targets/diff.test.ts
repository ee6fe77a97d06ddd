/**
 * The deploy diff: numbers compare numerically (10 = 10.0 = {"$numberLong": "10"}), key order
 * counts, the DLQ is compared both ways, settings the file leaves out are not compared; and
 * asp.targets.json keeps credentials out of the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffDocuments, formatChanges } from '../../../engine/targets/diff';
import { parseTargetsText, credentialsFromEnv } from '../../../engine/targets/targetsFile';
import { documentFromInfo } from '../../../engine/targets/definition';

const SRC = { $source: { connectionName: 'sample_stream_solar' } };
const doc = (pipeline: unknown[], extra: object = {}): Record<string, unknown> => ({ name: 'p', pipeline: [SRC, ...pipeline], ...extra });

test('diff: numbers compare numerically, whatever their Extended JSON type', () => {
  const deployed = doc([{ $match: { a: 10, b: { $numberDouble: '2.0' } } }]);
  assert.deepEqual(diffDocuments(deployed, doc([{ $match: { a: { $numberLong: '10' }, b: 2 } }])), []);
  assert.deepEqual(formatChanges(diffDocuments(deployed, doc([{ $match: { a: 11, b: 2 } }]))), ['~ pipeline[1].$match.a: 10 -> 11']);
});

test('diff: key order counts ($project output order, $sort precedence)', () => {
  const a = doc([{ $project: { region: 1, city: 1 } }]);
  const b = doc([{ $project: { city: 1, region: 1 } }]);
  assert.deepEqual(formatChanges(diffDocuments(a, b)), ['~ pipeline[1].$project: key order region, city -> city, region']);
});

test('diff: stages added and removed, a removed DLQ, settings the file does not give', () => {
  const deployed = doc([{ $match: { a: 1 } }], { options: { dlq: { connectionName: 'c', db: 'd', coll: 'e' }, streamMetaFieldName: '_stream_meta' }, tier: 'SP10' });
  const desired = doc([{ $match: { a: 1 } }, { $addFields: { b: 2 } }]);
  assert.deepEqual(formatChanges(diffDocuments(deployed, desired)), ['+ pipeline[2]: {"$addFields":{"b":2}}', '- options.dlq: {"connectionName":"c","db":"d","coll":"e"}']);
  assert.deepEqual(formatChanges(diffDocuments(deployed, { ...deployed, tier: 'SP30' })), ['~ tier: "SP10" -> "SP30"']);
  assert.deepEqual(formatChanges(diffDocuments(doc([]), doc([], { options: { autoscaling: { enabled: true } } }))), ['+ options.autoscaling: {"enabled":true}']);
});

test('a deployed description (flat getStreamProcessor or a list element with options) reads as a create body', () => {
  const flat = { ok: 1, id: 'x', name: 'p', state: 'STARTED', pipeline: [SRC], tier: 'SP10', dlq: { connectionName: 'c', db: 'd', coll: 'e' }, streamMetaFieldName: 'm', failoverEnabled: false, enableAutoScaling: true, hasStarted: true };
  assert.equal(JSON.stringify(documentFromInfo(flat)), '{"name":"p","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}}],"options":{"dlq":{"connectionName":"c","db":"d","coll":"e"},"streamMetaFieldName":"m","autoscaling":{"enabled":true}},"tier":"SP10","failoverEnabled":false}');
  const listed = { id: 'x', name: 'p', state: 'CREATED', pipeline: [SRC], tier: 'SP5', options: { tier: 'SP5', failover: true } };
  assert.equal(JSON.stringify(documentFromInfo(listed)), '{"name":"p","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}}],"tier":"SP5","failoverEnabled":true}');
});

test('asp.targets.json: credentials only as ${env:...}, local is built in, problems name the entry', () => {
  const f = parseTargetsText(JSON.stringify({
    targets: [
      { name: 'prod', connectionString: 'mongodb://atlas-stream-abc.virginia-usa.a.query.mongodb.net/', environment: 'production', username: 'svc', password: '${env:PROD_PW}' },
      { name: 'leaky', connectionString: 'mongodb://u:hunter2@h:27017/' },
      { name: 'literal', connectionString: 'mongodb://h/', username: 'u', password: 'hunter2' },
      { name: 'local', connectionString: 'mongodb://h/' },
      { name: 'odd', connectionString: 'mongodb://h/', environment: 'qa' },
    ],
  }), 'asp.targets.json');
  assert.deepEqual(f.targets.map((t) => [t.name, t.environment]), [['prod', 'production']]);
  assert.deepEqual(f.errors, [
    'asp.targets.json: targets[1]: "connectionString" carries a password: put it in "password" as an ${env:NAME} reference',
    'asp.targets.json: targets[2]: "password" must be an ${env:NAME} reference, never the password itself',
    'asp.targets.json: targets[3]: "local" is the built-in local instance; give this target another name',
    'asp.targets.json: targets[4]: "environment" must be one of local, development, test, staging, production',
  ]);
  assert.deepEqual(credentialsFromEnv(f.targets[0]!, { PROD_PW: 'pw' }), { username: 'svc', password: 'pw' });
  assert.throws(() => credentialsFromEnv(f.targets[0]!, {}), /environment variable PROD_PW is not set/);
});
