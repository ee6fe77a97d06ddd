/**
 * The parse half of `$source.schemaRegistry` and `$emit.schemaRegistry`: what a valid field
 * parses into (the connector configs createServices builds the Avro codecs from), and the
 * diagnostics for a missing or wrong connection, an invalid Avro schema and a record subject
 * name strategy without a schema to name the subject after (ASP316).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConnectionRegistryText } from '../../../engine/connectors/catalog/registry';
import type { KafkaEmitConfig, KafkaSourceConfig } from '../../../engine/io/types';
import { checkAvroSchema } from '../../../engine/parse/avroSchema';
import { analyzeText } from '../../../engine/pipeline/analyze';
import type { SourceConfig } from '../../../engine/stages/source';

const { registry } = loadConnectionRegistryText(JSON.stringify([
  { name: 'k', type: 'Kafka', bootstrapServers: '127.0.0.1:9092' },
  { name: 'sr', type: 'SchemaRegistry', schemaRegistryUrls: ['http://127.0.0.1:8081'] },
]));
const RECORD = { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'string' }, { name: 'total', type: ['null', 'double'], default: null }] };

function emit(schemaRegistry: unknown) {
  return analyzeText(JSON.stringify([{ $source: { connectionName: 'k', topic: 'in' } }, { $emit: { connectionName: 'k', topic: 'out', schemaRegistry } }]), { connections: registry, mode: 'processor' });
}
const codes = (a: ReturnType<typeof emit>) => a.diagnostics.map((d) => [d.code, d.message]);

describe('$source.schemaRegistry', () => {
  it('parses into the Kafka source config', () => {
    const a = analyzeText(JSON.stringify([{ $source: { connectionName: 'k', topic: 't', schemaRegistry: { connectionName: 'sr' } } }]), { connections: registry, mode: 'preview' });
    assert.deepEqual(a.diagnostics, []);
    const cfg = (a.validated!.stages[0]!.config as SourceConfig).config as KafkaSourceConfig;
    assert.deepEqual(cfg.schemaRegistry, { connectionName: 'sr' });
  });

  it('names the problem: not an object, an unknown field, a missing or wrong connection', () => {
    const src = (sr: unknown) => analyzeText(JSON.stringify([{ $source: { connectionName: 'k', topic: 't', schemaRegistry: sr } }]), { connections: registry, mode: 'preview' }).diagnostics.map((d) => d.code);
    assert.deepEqual(src('sr'), ['ASP304']);
    assert.deepEqual(src({ connectionName: 'sr', extra: 1 }), ['ASP302']);
    assert.deepEqual(src({}), ['ASP303']);
    assert.deepEqual(src({ connectionName: 'nope' }), ['ASP510']);
    assert.deepEqual(src({ connectionName: 'k' }), ['ASP511']);
  });
});

describe('$emit.schemaRegistry', () => {
  it('parses into the Kafka emit config, with Atlas\'s defaults', () => {
    const a = emit({ connectionName: 'sr', valueSchema: { type: 'avro', schema: RECORD } });
    assert.deepEqual(a.diagnostics, []);
    const cfg = a.validated!.stages[1]!.config as KafkaEmitConfig;
    assert.deepEqual(cfg.schemaRegistry, { connectionName: 'sr', valueSchema: { type: 'avro', schema: RECORD, options: { autoRegisterSchemas: true, subjectNameStrategy: 'TopicNameStrategy' } } });
    const bare = emit({ connectionName: 'sr' }).validated!.stages[1]!.config as KafkaEmitConfig;
    assert.deepEqual(bare.schemaRegistry, { connectionName: 'sr' });
    const text = emit({ connectionName: 'sr', valueSchema: { schema: JSON.stringify(RECORD), options: { subjectNameStrategy: 'RecordNameStrategy', autoRegisterSchemas: false } } });
    assert.deepEqual(text.diagnostics, []);
  });

  it('an invalid Avro schema is ASP316, at the schema', () => {
    const bad = emit({ connectionName: 'sr', valueSchema: { type: 'avro', schema: { type: 'record', name: 'R', fields: [{ name: 'a', type: 'strin' }] } } });
    assert.deepEqual(codes(bad), [['ASP316', '$emit.schemaRegistry.valueSchema.schema is not a valid Avro schema: fields[0].type: unknown type "strin" (a primitive, or a named type defined before this point)']]);
    assert.deepEqual(bad.diagnostics[0]!.path, [1, '$emit', 'schemaRegistry', 'valueSchema', 'schema']);
    assert.equal(codes(emit({ connectionName: 'sr', valueSchema: { schema: '{"type": "record"' } }))[0]![0], 'ASP316');
  });

  it('a record subject strategy needs a named schema (ASP316)', () => {
    const none = emit({ connectionName: 'sr', valueSchema: { options: { subjectNameStrategy: 'RecordNameStrategy' } } });
    assert.deepEqual(codes(none), [['ASP316', 'subjectNameStrategy RecordNameStrategy names the subject after the value schema\'s full name, and no valueSchema.schema is given']]);
    const unnamed = emit({ connectionName: 'sr', valueSchema: { schema: { type: 'array', items: 'int' }, options: { subjectNameStrategy: 'TopicRecordNameStrategy' } } });
    assert.match(String(codes(unnamed)[0]![1]), /the schema is not a named type/);
  });

  it('other mistakes: type, options, strategy, the connection', () => {
    assert.deepEqual(emit({ connectionName: 'sr', valueSchema: { type: 'json' } }).diagnostics.map((d) => d.code), ['ASP305']);
    assert.deepEqual(emit({ connectionName: 'sr', valueSchema: { options: { autoRegisterSchemas: 'yes' } } }).diagnostics.map((d) => d.code), ['ASP304']);
    assert.deepEqual(emit({ connectionName: 'sr', valueSchema: { options: { subjectNameStrategy: 'Other' } } }).diagnostics.map((d) => d.code), ['ASP305']);
    assert.deepEqual(emit({ connectionName: 'sr', valueSchema: '$schemaExpr' }).diagnostics.map((d) => d.code), ['ASP312']);
    // An operator expression is ASP312 as well (the table also names its operator key, ASP302).
    assert.ok(emit({ connectionName: 'sr', valueSchema: { $cond: [true, {}, {}] } }).diagnostics.some((d) => d.code === 'ASP312'));
    assert.deepEqual(emit({ connectionName: 'k' }).diagnostics.map((d) => d.code), ['ASP511']);
  });
});

describe('the structural Avro check', () => {
  it('accepts what the specification allows and names what it does not', () => {
    assert.deepEqual(checkAvroSchema(RECORD), { fullName: 'shop.Order' });
    assert.deepEqual(checkAvroSchema('string'), { fullName: undefined });
    assert.deepEqual(checkAvroSchema({ type: 'enum', name: 'E', symbols: ['A', 'B'] }), { fullName: 'E' });
    assert.deepEqual(checkAvroSchema({ type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] }), { fullName: 'Node' });
    assert.deepEqual(checkAvroSchema({ type: 'long', logicalType: 'timestamp-millis' }), { fullName: undefined });
    const errors: [unknown, RegExp][] = [
      [{ type: 'record', name: 'R' }, /needs a "fields" array/],
      [{ type: 'record', name: '9R', fields: [] }, /not a valid Avro name/],
      [{ type: 'enum', name: 'E', symbols: ['A', 'A'] }, /repeats a symbol/],
      [{ type: 'fixed', name: 'F' }, /needs a "size"/],
      [['null', ['int']], /may not contain a union directly/],
      [['int', 'int'], /has int twice/],
      [{ type: 'array' }, /needs "items"/],
      [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] }, /appears twice/],
    ];
    for (const [s, re] of errors) assert.match(checkAvroSchema(s).error ?? '', re, JSON.stringify(s));
  });
});
