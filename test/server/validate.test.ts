import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../engine/pipeline/analyze';
import { builtinRegistry } from '../../engine/connectors/catalog/registry';
import { docOf, service, REGISTRY } from './helpers';

const s = service(REGISTRY);
const SRC = '{ "$source": { "connectionName": "sample_stream_solar" } }';
const SINK = '{ "$emit": { "connectionName": "__testLog" } }';

/** [code, text the range covers] pairs. */
function diags(text: string, uri?: string): [string, string][] {
  const d = docOf(text, uri);
  return s.validate(d).map((x) => [String(x.code), text.slice(d.offsetAt(x.range.start), d.offsetAt(x.range.end))]);
}

test('same codes and ranges as the engine analyzer (asp validate)', () => {
  const text = `[ ${SRC}, { "$limit": 5 }, { "$project": { "a": { "$nope": 1 } } } ]`;
  const d = docOf(text);
  const engine = analyzeText(text, { connections: builtinRegistry() }).diagnostics.map((x) => [x.code, x.offset, x.length]);
  const ours = s.validate(d).map((x) => [x.code, d.offsetAt(x.range.start), d.offsetAt(x.range.end) - d.offsetAt(x.range.start)]);
  assert.deepEqual(ours, engine);
});

const cases: [string, string, [string, string]][] = [
  ['JSON syntax', `[ ${SRC}, { "$match": { "a": } } ]`, ['ASP101', '}']],
  ['unknown stage with did-you-mean', `[ ${SRC}, { "$mach": {} }, ${SINK} ]`, ['ASP204', '"$mach"']],
  ['unknown connection', `[ { "$source": { "connectionName": "nope" } }, ${SINK} ]`, ['ASP510', '"nope"']],
  ['wrong connection type for the stage', `[ ${SRC}, { "$merge": { "into": { "connectionName": "kafka1", "db": "a", "coll": "b" } } } ]`, ['ASP511', '"kafka1"']],
  ['window-only stage outside a window', `[ ${SRC}, { "$group": { "_id": null } }, ${SINK} ]`, ['ASP208', '"$group"']],
  ['unknown expression operator', `[ ${SRC}, { "$set": { "a": { "$ad": [1, 2] } } }, ${SINK} ]`, ['ASP406', '"$ad"']],
  ['constant call that always fails (engine/expr/fold.ts)', `[ ${SRC}, { "$set": { "a": { "$divide": [1, 0] } } }, ${SINK} ]`, ['ASP411', '[1, 0]']],
  ['constant call nested in a document-dependent one', `[ ${SRC}, { "$set": { "a": { "$add": ["$x", { "$sqrt": -1 }] } } }, ${SINK} ]`, ['ASP411', '-1']],
];

test('a constant call that always fails carries MongoDB\'s message, the stage and the path', () => {
  const d = docOf(`[ ${SRC}, { "$set": { "a": { "$toInt": "abc" } } }, ${SINK} ]`);
  const x = s.validate(d).find((v) => v.code === 'ASP411')!;
  assert.equal(x.severity, 1);
  assert.equal(x.message, "Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string. ($toInt has only constant arguments, so it fails for every document: $set at [1].$set.a.$toInt)");
});

for (const [name, text, [code, covered]] of cases) {
  test(`reports ${name}`, () => {
    const got = diags(text);
    assert.ok(got.some(([c, t]) => c === code && t === covered), `${code} on ${covered} in ${JSON.stringify(got)}`);
  });
}

test('did-you-mean hints carry a suggestion for the quick fix', () => {
  const d = docOf(`[ ${SRC}, { "$set": { "a": { "$toUper": "x" } } }, ${SINK} ]`);
  const x = s.validate(d).find((v) => v.code === 'ASP406')!;
  assert.equal((x.data as { suggestion: string }).suggestion, '$toUpper');
  assert.match(String(x.message), /Did you mean '\$toUpper'/);
});

test('$https urlPath stays MongoDB\'s unknown-field error, with a hint for path', () => {
  const d = docOf(`[ ${SRC}, { "$https": { "connectionName": "web", "urlPath": "orders", "as": "r" } }, ${SINK} ]`);
  const x = s.validate(d).find((v) => v.code === 'ASP302')!;
  assert.equal(x.message, "BSON field '$https.urlPath' is an unknown field. Did you mean 'path'?");
  assert.equal((x.data as { suggestion: string }).suggestion, 'path');
  const engine = analyzeText(d.getText(), { connections: builtinRegistry([{ name: 'web', type: 'Https', url: 'https://api.example.com' }]) }).diagnostics.find((v) => v.code === 'ASP302')!;
  assert.equal(engine.message, "BSON field '$https.urlPath' is an unknown field.", 'asp validate keeps the text MongoDB writes');
});

test('validationAction "dlq" without a processor DLQ', () => {
  const text = `{ "pipeline": [ ${SRC}, { "$validate": { "validator": {}, "validationAction": "dlq" } }, ${SINK} ] }`;
  assert.ok(diags(text).some(([c]) => c.startsWith('ASP3')), JSON.stringify(diags(text)));
  const fixed = `{ "pipeline": [ ${SRC}, { "$validate": { "validator": {}, "validationAction": "dlq" } }, ${SINK} ], "options": { "dlq": { "connectionName": "local", "db": "d", "coll": "c" } } }`;
  assert.deepEqual(diags(fixed), []);
});

test('a clean pipeline has no diagnostics; a registry change is picked up', () => {
  const text = `[ { "$source": { "connectionName": "k2", "topic": "t" } }, ${SINK} ]`;
  const local = service('{ "connections": [] }');
  const d = docOf(text);
  assert.deepEqual(local.validate(d).map((x) => x.code), ['ASP510']);
  local.setConnections('file:///ws/asp.connections.json', '{ "connections": [ { "name": "k2", "type": "Kafka", "bootstrapServers": "h:1" } ] }');
  assert.deepEqual(local.validate(d).map((x) => x.code), []);
});

test('the registry file is validated with the loader\'s codes', () => {
  const uri = 'file:///ws/asp.connections.json';
  const got = diags('{ "connections": [ { "name": "k", "type": "Kafak" }, { "name": "a", "type": "Cluster", "uri": "mongodb://u:secret@h" } ] }', uri);
  assert.ok(got.some(([c, t]) => c === 'ASP503' && t === '"Kafak"'), JSON.stringify(got));
  assert.ok(got.some(([c]) => c === 'ASP506'));
});

test('"no sink" is an Information hint on a bare preview and a Warning on a processor document', () => {
  const severityOf = (text: string): number | undefined => s.validate(docOf(text)).find((x) => x.code === 'ASP206')?.severity;
  assert.equal(severityOf(`[ ${SRC}, { "$match": { "a": 1 } } ]`), 3, 'DiagnosticSeverity.Information');
  assert.equal(severityOf(`{ "name": "p", "pipeline": [ ${SRC} ] }`), 2, 'DiagnosticSeverity.Warning');
  assert.equal(severityOf(`[ ${SRC}, ${SINK} ]`), undefined);
});
