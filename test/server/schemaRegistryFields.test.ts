/**
 * The editor on `$source.schemaRegistry` and `$emit.schemaRegistry`: completion and hover come
 * from the field tables in engine/parse/schemaRegistry.ts, so connection names are filtered to
 * SchemaRegistry connections, the nested options and their enum values are offered, and the
 * diagnostics are the engine's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { at, docOf, labels, service } from './helpers';

const s = service(JSON.stringify({
  connections: [
    { name: 'kafka1', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' },
    { name: 'sr1', type: 'SchemaRegistry', schemaRegistryUrls: ['http://127.0.0.1:8081'] },
    { name: 'web', type: 'Https', url: 'https://api.example.com' },
  ],
}));
const SRC = '{ "$source": { "connectionName": "kafka1", "topic": "t" } }';

test('schemaRegistry.connectionName offers SchemaRegistry connections only, on $source and $emit', () => {
  assert.deepEqual(labels(s, '[ { "$source": { "connectionName": "kafka1", "topic": "t", "schemaRegistry": { "connectionName": "|" } } } ]'), ['sr1']);
  assert.deepEqual(labels(s, `[ ${SRC}, { "$emit": { "connectionName": "kafka1", "topic": "o", "schemaRegistry": { "connectionName": "|" } } } ]`), ['sr1']);
});

test('$emit.schemaRegistry: the nested keys and the subject name strategies come from the table', () => {
  const keys = labels(s, `[ ${SRC}, { "$emit": { "connectionName": "kafka1", "topic": "o", "schemaRegistry": { "connectionName": "sr1", "valueSchema": { "options": { | } } } } } ]`);
  assert.deepEqual([...keys].sort(), ['autoRegisterSchemas', 'subjectNameStrategy']);
  const values = labels(s, `[ ${SRC}, { "$emit": { "connectionName": "kafka1", "topic": "o", "schemaRegistry": { "connectionName": "sr1", "valueSchema": { "options": { "subjectNameStrategy": | } } } } } ]`);
  assert.deepEqual(values, ['"TopicNameStrategy"', '"RecordNameStrategy"', '"TopicRecordNameStrategy"']);
  const { doc, pos } = at(`[ ${SRC}, { "$emit": { "connectionName": "kafka1", "topic": "o", "schemaRegistry": { "connectionName": "sr1", "valueSchema": { "options": { "autoRegister|Schemas": true } } } } } ]`);
  const h: Hover | null = s.hover(doc, pos);
  assert.match(JSON.stringify(h?.contents), /Register the schema under its subject/);
});

test('the editor reports the engine\'s diagnostics: a wrong connection type, an invalid Avro schema', () => {
  const diags = s.validate(docOf(`[ ${SRC}, { "$emit": { "connectionName": "kafka1", "topic": "o", "schemaRegistry": { "connectionName": "web", "valueSchema": { "schema": { "type": "record", "name": "R", "fields": [ { "name": "a", "type": "strin" } ] } } } } } ]`)).map((d) => d.code);
  assert.deepEqual(diags, ['ASP511', 'ASP316']);
});
