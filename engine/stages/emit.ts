/**
 * $emit (ASP): write each document to a Kafka topic (or, for a Cluster connection, insert it
 * into a collection standing in for a time-series collection). Must be the last stage.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/
 */
import { isPlainObject } from '../bson/types';
import { err, missing, otherFormFields, wrongType } from '../parse/args';
import { connectionRef, nameSpec } from '../parse/connection';
import type { FieldSpec } from '../parse/fieldSpec';
import { fieldNamed } from '../parse/fields';
import { EMIT_SCHEMA_REGISTRY, parseEmitSchemaRegistry } from '../parse/schemaRegistry';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import { KEY_FORMATS, type KeyFormat, type OutputFormat } from '../io/enums';
import type { CollectionEmitConfig, KafkaEmitConfig } from '../io/types';

export type EmitConfig = KafkaEmitConfig | CollectionEmitConfig | { kind: 'testLog' };

const ACKS = ['all', '-1', '0', '1', -1, 0, 1] as const;

/** Every field of either form; which form applies depends on the connection's type. */
const FIELDS: FieldSpec[] = [
  {
    name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Kafka', 'Cluster', 'Local', 'TestLog'],
    description: 'A Kafka connection (a Cluster connection for a time-series collection; `__testLog` logs each document)',
    messages: { missing: "$emit must contain 'connectionName' field in it" },
  },
  { name: 'topic', role: 'expr', type: ['string', 'object'], description: 'Kafka: the topic, or an expression giving it per document' },
  {
    name: 'config', role: 'options', type: 'object', description: 'Kafka: how messages are written',
    fields: [
      { name: 'key', role: 'expr', description: 'Message key: an expression, string or object' },
      { name: 'keyFormat', role: 'literal', type: 'string', enum: KEY_FORMATS, default: 'binData', description: 'Encoding of the key (required with key)' },
      { name: 'headers', role: 'expr', description: 'Expression giving an object (name -> value) or an array of {k, v}' },
      { name: 'outputFormat', role: 'literal', type: 'string', enum: ['relaxedJson', 'canonicalJson', 'basicJson'], default: 'relaxedJson', description: 'Extended JSON mode of the message value' },
      { name: 'dateFormat', role: 'literal', type: 'string', enum: ['default', 'ISO8601'], default: 'default', description: 'How dates are written' },
      { name: 'compression_type', role: 'literal', type: 'string', enum: ['none', 'gzip', 'snappy', 'lz4', 'zstd'], description: 'Producer compression' },
      { name: 'acks', role: 'literal', type: ['string', 'int'], enum: ACKS, default: 'all', description: 'Broker acknowledgements a write waits for' },
      { name: 'tombstoneWhen', role: 'expr', description: 'Boolean expression: true sends a tombstone (null value)' },
    ],
  },
  EMIT_SCHEMA_REGISTRY,
  { name: 'db', role: 'expr', type: ['string', 'object'], description: 'Time series: the database, or an expression giving it' },
  { name: 'coll', role: 'expr', type: ['string', 'object'], description: 'Time series: the collection, or an expression giving it' },
  {
    name: 'timeseries', role: 'options', type: 'object', description: 'Time series: the collection\'s time-series options',
    fields: [
      {
        name: 'timeField', role: 'fieldName', type: 'string', required: true, description: 'Field holding the date of each measurement',
        messages: { missing: '$emit to a Cluster connection needs timeseries: {timeField: "<field>"}' },
      },
      { name: 'metaField', role: 'fieldName', type: 'string', description: 'Field holding the labels of a series' },
      { name: 'granularity', role: 'literal', type: 'string', enum: ['seconds', 'minutes', 'hours'], description: 'Expected interval between measurements' },
    ],
  },
];

const KAFKA_FORM = ['connectionName', 'topic', 'config', 'schemaRegistry'];
const COLLECTION_FORM = ['connectionName', 'db', 'coll', 'timeseries'];

export const emit: StageSpec<EmitConfig> = {
  name: '$emit',
  kind: 'sink',
  placement: { main: true, window: false, payload: false },
  operatorName: 'KafkaEmitOperator',
  summary: 'Writes each document to a Kafka topic (or a time-series collection). Must be the last stage.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/',
  syntax: '{ $emit: { connectionName: "<kafka>", topic: "<topic>" | <expression>, config: { key, keyFormat, headers, outputFormat, dateFormat, compression_type, acks, tombstoneWhen } } }',
  fields: FIELDS,
  examples: [
    {
      title: 'Log each document (the __testLog connection)',
      stage: { $emit: { connectionName: '__testLog' } },
      input: [{ device_id: 'device_1', obs: { watts: 250 } }],
      output: [{ device_id: 'device_1', obs: { watts: 250 } }],
    },
  ],
  parse(arg, path, ctx) {
    const name = isPlainObject(arg) ? arg['connectionName'] : undefined;
    if (!isPlainObject(arg) || typeof name !== 'string') return undefined;
    const conn = connectionRef(name, [...path, 'connectionName'], ctx, fieldNamed(FIELDS, 'connectionName')!, {
      unknown: (n) => `connection named ${n} does not exist. Check sp.listConnections() for available connections.`,
      wrongType: (_n, t) => `Invalid connectionName in $emit: a ${t} connection cannot be written to`,
    });
    if (!conn) return undefined;
    if (conn.type === 'TestLog') return { kind: 'testLog' };
    if (conn.type === 'Cluster' || conn.type === 'Local') {
      let ok = otherFormFields(arg, COLLECTION_FORM, '$emit', path, ctx);
      if (arg['db'] === undefined) missing('$emit', 'db', path, ctx);
      if (arg['coll'] === undefined) missing('$emit', 'coll', path, ctx);
      const db = nameSpec(arg['db'], '$emit', 'db', [...path, 'db'], ctx);
      const coll = nameSpec(arg['coll'], '$emit', 'coll', [...path, 'coll'], ctx);
      if (arg['timeseries'] === undefined) {
        err(ctx, [...path, 'timeseries'], '$emit to a Cluster connection needs timeseries: {timeField: "<field>"}', 'ASP303');
        ok = false;
      }
      return ok && db && coll ? { kind: 'collection', connectionName: name, db, coll } : undefined;
    }
    let ok = otherFormFields(arg, KAFKA_FORM, '$emit', path, ctx);
    let schemaRegistry: KafkaEmitConfig['schemaRegistry'];
    if (arg['schemaRegistry'] !== undefined) {
      schemaRegistry = parseEmitSchemaRegistry(arg['schemaRegistry'], [...path, 'schemaRegistry'], ctx);
      if (!schemaRegistry) ok = false;
    }
    let topic: KafkaEmitConfig['topic'] | undefined;
    const t = arg['topic'];
    if (t === undefined) err(ctx, path, "BSON field '$emit.topic' is missing but a required field", 'ASP303');
    else if (typeof t === 'string' && t.length > 0 && !t.startsWith('$')) topic = { literal: t };
    else if ((typeof t === 'string' && t.length > 1) || isPlainObject(t)) topic = { expr: ctx.compiler.expr(t, [...path, 'topic']) };
    else if (typeof t === 'string') wrongType('$emit', 'topic', t, 'string', [...path, 'topic'], ctx);
    const c = arg['config'] ?? {};
    if (!isPlainObject(c)) return undefined;
    const cpath = [...path, 'config'];
    const key = c['key'] !== undefined ? ctx.compiler.expr(c['key'], [...cpath, 'key']) : undefined;
    if (key && c['keyFormat'] === undefined) {
      err(ctx, [...cpath, 'key'], 'Expected config.keyFormat to be specified when config.key is specified', 'ASP310');
      ok = false;
    }
    const headers = c['headers'] !== undefined ? ctx.compiler.expr(c['headers'], [...cpath, 'headers']) : undefined;
    const tombstoneWhen = c['tombstoneWhen'] !== undefined ? ctx.compiler.expr(c['tombstoneWhen'], [...cpath, 'tombstoneWhen']) : undefined;
    if (!ok || !topic) return undefined;
    // The table checked the enums; absent ones take the documented defaults.
    return {
      kind: 'kafka',
      connectionName: name,
      topic,
      key,
      keyFormat: (c['keyFormat'] as KeyFormat | undefined) ?? 'binData',
      headers,
      outputFormat: (c['outputFormat'] as OutputFormat | undefined) ?? 'relaxedJson',
      isoDates: c['dateFormat'] === 'ISO8601',
      compression: c['compression_type'] as string | undefined,
      acks: c['acks'] === undefined ? 'all' : (String(c['acks']) as KafkaEmitConfig['acks']),
      tombstoneWhen,
      ...(schemaRegistry ? { schemaRegistry } : {}),
    };
  },
  toRunOutput: (config) => config.kind === 'testLog',
  create(config, rt, next) {
    if (config.kind === 'testLog') return { push: (d, m) => next(d, m) };
    const io = ioOf(rt, '$emit');
    return config.kind === 'kafka' ? io.kafkaEmit(config, rt) : io.collectionEmit(config, rt);
  },
};
