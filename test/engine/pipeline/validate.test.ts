import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../engine/pipeline/analyze';
import { builtinRegistry, loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';

const conns = loadConnectionRegistryText(JSON.stringify([
  { name: 'kafkaProd', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' },
  { name: 'atlas', type: 'Cluster', uri: 'mongodb://127.0.0.1:27017' },
])).registry;

/** Codes with line:col of every diagnostic. */
function diags(text: string, mode?: 'processor' | 'preview' | 'either'): string[] {
  return analyzeText(text, { connections: conns, mode }).diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`);
}

const SRC = '{"$source": {"connectionName": "sample_stream_solar"}}';

// [name, text, expected diagnostics (code@line:col)]
const cases: [string, string, string[]][] = [
  ['valid preview', `[${SRC}, {"$match": {"a": 1}}]`, ['ASP206@1:58']],
  ['empty pipeline', '[]', ['ASP201@1:1']],
  ['bad JSON', '[{"$source": }]', ['ASP101@1:14']],
  ['not an array or object', '42', ['ASP102@1:1']],
  ['stage with two keys', `[${SRC}, {"$match": {}, "$project": {"a": 1}}]`, ['ASP202@1:58', 'ASP206@1:58']],
  ['first stage not $source', '[{"$match": {"a": 1}}]', ['ASP205@1:2', 'ASP206@1:2']],
  ['unknown stage with suggestion', `[${SRC}, {"$mtch": {}}]`, ['ASP204@1:59', 'ASP206@1:58']],
  ['unsupported $out', `[${SRC}, {"$out": "x"}]`, ['ASP204@1:59', 'ASP206@1:58']],
  ['$group in main pipeline', `[${SRC}, {"$group": {"_id": null}}]`, ['ASP208@1:59', 'ASP206@1:58']],
  ['unknown connection', '[{"$source": {"connectionName": "nope"}}]', ['ASP510@1:33', 'ASP206@1:2']],
  ['https connection is no source', '[{"$source": {"connectionName": "__testLog"}}]', ['ASP511@1:33', 'ASP206@1:2']],
  ['$validate dlq without processor dlq', `{"name": "p", "pipeline": [${SRC}, {"$validate": {"validator": {}, "validationAction": "dlq"}}]}`, ['ASP206@1:84', 'ASP313@1:136']],
  ['unknown $source field', '[{"$source": {"documents": [], "bogus": 1}}]', ['ASP302@1:32', 'ASP206@1:2']],
  ['dotted tsFieldName', '[{"$source": {"documents": [], "tsFieldName": "a.b"}}]', ['ASP306@1:47', 'ASP206@1:2']],
  ['unknown processor field', `{"name": "p", "pipelin": []}`, ['ASP103@1:15', 'ASP105@1:1']],
  ['processor dlq with unknown connection', `{"name": "p", "pipeline": [${SRC}], "options": {"dlq": {"connectionName": "zz", "db": "a", "coll": "b"}}}`, ['ASP206@1:28', 'ASP510@1:123']],
];

for (const [name, text, expected] of cases) {
  test(`validate: ${name}`, () => {
    assert.deepEqual(diags(text).sort(), [...expected].sort());
  });
}

test('validate: a persistent processor needs a sink (error), a preview does not', () => {
  const text = `[${SRC}]`;
  const proc = analyzeText(text, { connections: conns, mode: 'processor' }).diagnostics;
  assert.equal(proc[0]?.code, 'ASP206');
  assert.equal(proc[0]?.severity, 'error');
  assert.equal(proc[0]?.message, 'The last stage in the pipeline must be $merge or $emit.');
  assert.deepEqual(analyzeText(text, { connections: conns, mode: 'preview' }).diagnostics, []);
});

test('validate: "no sink" (ASP206) follows intent: a hint on a preview, a warning on a processor document, an error on create', () => {
  const asp206 = (text: string, mode?: 'processor' | 'preview' | 'either'): [string, string] | undefined => {
    const d = analyzeText(text, { connections: conns, mode }).diagnostics.find((x) => x.code === 'ASP206');
    return d && [d.severity, d.message];
  };
  const bare = `[${SRC}, {"$match": {"a": 1}}]`;
  const doc = `{"name": "p", "pipeline": [${SRC}, {"$match": {"a": 1}}]}`;
  assert.deepEqual(asp206(bare), ['info', 'No sink: this pipeline runs as a preview (sp.process) and its output is shown. To create a processor from it, end it with $merge or $emit.']);
  assert.deepEqual(asp206(doc), ['warning', 'The last stage in the pipeline must be $merge or $emit. Without a sink the pipeline runs only as a preview (sp.process); creating the processor fails.']);
  for (const text of [bare, doc]) {
    assert.deepEqual(asp206(text, 'processor'), ['error', 'The last stage in the pipeline must be $merge or $emit.']);
    assert.equal(asp206(text, 'preview'), undefined);
  }
  assert.equal(analyzeText(bare, { connections: conns }).hasErrors, false, 'a bare preview has no errors');
});

test('validate: ASP messages are reproduced exactly', () => {
  const a = analyzeText('[{"$match": {}}]', { connections: builtinRegistry(), mode: 'preview' });
  assert.equal(a.diagnostics[0]?.message, 'First stage must be $source, found: $match');
  const b = analyzeText(`[${SRC}, {"$limit": 1}]`, { connections: builtinRegistry(), mode: 'preview' });
  assert.equal(b.diagnostics[0]?.message, '$limit stage is only permitted in the inner pipeline of a window stage');
  const c = analyzeText(`[${SRC}, {"$mtch": {}}]`, { connections: builtinRegistry(), mode: 'preview' });
  assert.equal(c.diagnostics[0]?.message, 'Unsupported stage: $mtch. Did you mean $match?');
});

test('validate: multi-line positions point at the offending stage key', () => {
  const text = ['[', '  {"$source": {"documents": []}},', '  {"$sort": {"a": 1}}', ']'].join('\n');
  const d = analyzeText(text, { connections: conns, mode: 'preview' }).diagnostics;
  assert.deepEqual(d.map((x) => [x.code, x.line, x.col]), [['ASP208', 3, 4]]);
});

test('validate: both file forms produce the same stages', () => {
  const arr = analyzeText(`[${SRC}, {"$match": {"a": 1}}]`, { connections: conns });
  const doc = analyzeText(`{"name": "x", "pipeline": [${SRC}, {"$match": {"a": 1}}]}`, { connections: conns });
  assert.equal(arr.form, 'array');
  assert.equal(doc.form, 'processor');
  assert.deepEqual(arr.stages.map((s) => s.name), doc.stages.map((s) => s.name));
  assert.deepEqual(doc.pipelinePath, ['pipeline']);
});

test('validate: Extended JSON values in files are BSON values', () => {
  const a = analyzeText('[{"$source": {"documents": [{"t": {"$date": "2024-01-01T00:00:00Z"}, "d": {"$numberDecimal": "1.5"}}]}}]', { connections: conns, mode: 'preview' });
  const docs = (a.processor!.pipeline[0] as { $source: { documents: Record<string, unknown>[] } }).$source.documents;
  assert.ok(docs[0]!['t'] instanceof Date);
  assert.equal((docs[0]!['d'] as { _bsontype: string })._bsontype, 'Decimal128');
});

test('connection registry: secrets must be env references; bad entries are reported', () => {
  const r = loadConnectionRegistryText(JSON.stringify({ connections: [
    { name: 'k', type: 'Kafka', bootstrapServers: 'h:1', authentication: { mechanism: 'PLAIN', username: 'u', password: 'hunter2' } },
    { name: 'ok', type: 'Kafka', bootstrapServers: 'h:1', authentication: { mechanism: 'PLAIN', username: 'u', password: '${env:KPASS}' } },
    { name: 'x', type: 'Bogus' },
  ] }, null, 2));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['ASP506', 'ASP503']);
  assert.equal(r.registry.get('ok')?.type, 'Kafka');
  assert.equal(r.registry.get('sample_stream_solar')?.type, 'Sample');
  assert.equal(r.registry.get('local')?.type, 'Local');
});
