/**
 * $emit (ASP): write each document to a Kafka topic (or, for a Cluster connection, insert it
 * into a collection standing in for a time-series collection). Must be the last stage.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/
 */
import { isPlainObject } from '../bson/types';
import { enumValue, err, noUnknownFields, objectArg, wrongType } from '../parse/args';
import { connectionRef, nameSpec } from '../parse/connection';
import { parseEmitSchemaRegistry } from '../parse/schemaRegistry';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import { KEY_FORMATS, SUBJECT_NAME_STRATEGIES } from '../io/enums';
import type { CollectionEmitConfig, KafkaEmitConfig } from '../io/types';

export type EmitConfig = KafkaEmitConfig | CollectionEmitConfig | { kind: 'testLog' };

const KAFKA_FIELDS = ['connectionName', 'topic', 'config', 'schemaRegistry'] as const;
const KAFKA_CONFIG = ['key', 'keyFormat', 'headers', 'outputFormat', 'dateFormat', 'compression_type', 'acks', 'tombstoneWhen'] as const;
const TS_FIELDS = ['connectionName', 'db', 'coll', 'timeseries'] as const;

export const emit: StageSpec<EmitConfig> = {
  name: '$emit',
  kind: 'sink',
  placement: { main: true, window: false, payload: false },
  operatorName: 'KafkaEmitOperator',
  summary: 'Writes each document to a Kafka topic (or a time-series collection). Must be the last stage.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-emit/',
  syntax: '{ $emit: { connectionName: "<kafka>", topic: "<topic>" | <expression>, config: { key, keyFormat, headers, outputFormat, dateFormat, compression_type, acks, tombstoneWhen } } }',
  schema: {
    type: 'object',
    required: ['connectionName'],
    properties: {
      connectionName: { type: 'string', description: 'A Kafka connection (or a Cluster connection for time-series collections)' },
      topic: { description: 'Topic name, or an expression giving it per document' },
      db: { description: 'Time series: database (string or expression)' },
      coll: { description: 'Time series: collection (string or expression)' },
      timeseries: { type: 'object', properties: { timeField: { type: 'string' }, metaField: { type: 'string' }, granularity: { enum: ['seconds', 'minutes', 'hours'] } } },
      schemaRegistry: {
        type: 'object',
        description: 'Kafka: write values as Confluent-framed Avro through a SchemaRegistry connection',
        required: ['connectionName'],
        properties: {
          connectionName: { type: 'string', description: 'A SchemaRegistry connection' },
          valueSchema: {
            type: 'object',
            properties: {
              type: { enum: ['avro'], description: 'The value format: avro' },
              schema: { description: "The writer schema (an Avro schema, or its JSON text); absent: the subject's latest version" },
              options: {
                type: 'object',
                properties: {
                  autoRegisterSchemas: { type: 'boolean', default: true, description: 'Register the schema under its subject (false: it must be registered already)' },
                  subjectNameStrategy: { enum: [...SUBJECT_NAME_STRATEGIES], default: 'TopicNameStrategy', description: 'How the subject is named: <topic>-value, the record name, or <topic>-<record name>' },
                },
              },
            },
          },
        },
      },
      config: {
        type: 'object',
        properties: {
          key: { description: 'Message key: expression, string or object' },
          keyFormat: { enum: [...KEY_FORMATS], default: 'binData' },
          headers: { description: 'Expression giving an object (name -> value) or an array of {k, v}' },
          outputFormat: { enum: ['relaxedJson', 'canonicalJson', 'basicJson'], default: 'relaxedJson' },
          dateFormat: { enum: ['default', 'ISO8601'], default: 'default' },
          compression_type: { enum: ['none', 'gzip', 'snappy', 'lz4', 'zstd'] },
          acks: { enum: ['all', '-1', '0', '1', -1, 0, 1], default: 'all' },
          tombstoneWhen: { description: 'Boolean expression: true sends a tombstone (null value)' },
        },
      },
    },
  },
  examples: [],
  parse(arg, path, ctx) {
    const o = objectArg('$emit', arg, path, ctx);
    if (!o) return undefined;
    const name = o['connectionName'];
    if (name === undefined) {
      err(ctx, path, "$emit must contain 'connectionName' field in it", 'ASP303');
      return undefined;
    }
    if (typeof name !== 'string') {
      wrongType('$emit', 'connectionName', name, 'string', [...path, 'connectionName'], ctx);
      return undefined;
    }
    const conn = connectionRef(name, [...path, 'connectionName'], ctx, ['Kafka', 'Cluster'], (n) => `connection named ${n} does not exist. Check sp.listConnections() for available connections.`);
    if (!conn) return undefined;
    if (conn.type === 'TestLog') return { kind: 'testLog' };
    if (conn.type === 'Cluster' || conn.type === 'Local') {
      noUnknownFields(o, TS_FIELDS, '$emit', path, ctx);
      const db = nameSpec(o, 'db', '$emit', path, ctx);
      const coll = nameSpec(o, 'coll', '$emit', path, ctx);
      const ts = o['timeseries'];
      if (ts === undefined || !isPlainObject(ts) || typeof ts['timeField'] !== 'string') {
        err(ctx, [...path, 'timeseries'], '$emit to a Cluster connection needs timeseries: {timeField: "<field>"}', 'ASP303');
        return undefined;
      }
      return db && coll ? { kind: 'collection', connectionName: name, db, coll } : undefined;
    }
    if (conn.type !== 'Kafka') {
      err(ctx, [...path, 'connectionName'], `Invalid connectionName in $emit: a ${conn.type} connection cannot be written to`, 'ASP511', { data: { name, type: conn.type } });
      return undefined;
    }
    noUnknownFields(o, KAFKA_FIELDS, '$emit', path, ctx);
    let ok = true;
    let schemaRegistry: KafkaEmitConfig['schemaRegistry'];
    if (o['schemaRegistry'] !== undefined) {
      schemaRegistry = parseEmitSchemaRegistry(o['schemaRegistry'], [...path, 'schemaRegistry'], ctx);
      if (!schemaRegistry) ok = false;
    }
    let topic: KafkaEmitConfig['topic'] | undefined;
    const t = o['topic'];
    if (t === undefined) err(ctx, path, "BSON field '$emit.topic' is missing but a required field", 'ASP303');
    else if (typeof t === 'string' && t.length > 0 && !t.startsWith('$')) topic = { literal: t };
    else if ((typeof t === 'string' && t.length > 1) || isPlainObject(t)) topic = { expr: ctx.compiler.expr(t, [...path, 'topic']) };
    else wrongType('$emit', 'topic', t, 'string', [...path, 'topic'], ctx);
    const c = o['config'] ?? {};
    const cpath = [...path, 'config'];
    if (!isPlainObject(c)) {
      wrongType('$emit', 'config', c, 'object', cpath, ctx);
      return undefined;
    }
    noUnknownFields(c, KAFKA_CONFIG, '$emit.config', cpath, ctx);
    const key = c['key'] !== undefined ? ctx.compiler.expr(c['key'], [...cpath, 'key']) : undefined;
    const keyFormat = enumValue(c, 'keyFormat', KEY_FORMATS, '$emit.config', cpath, ctx);
    if (key && c['keyFormat'] === undefined) {
      err(ctx, [...cpath, 'key'], 'Expected config.keyFormat to be specified when config.key is specified', 'ASP310');
      ok = false;
    }
    const headers = c['headers'] !== undefined ? ctx.compiler.expr(c['headers'], [...cpath, 'headers']) : undefined;
    const outputFormat = enumValue(c, 'outputFormat', ['relaxedJson', 'canonicalJson', 'basicJson'] as const, '$emit.config', cpath, ctx) ?? 'relaxedJson';
    const dateFormat = enumValue(c, 'dateFormat', ['default', 'ISO8601'] as const, '$emit.config', cpath, ctx) ?? 'default';
    const compression = enumValue(c, 'compression_type', ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const, '$emit.config', cpath, ctx);
    let acks: KafkaEmitConfig['acks'] = 'all';
    if (c['acks'] !== undefined) {
      const a = String(c['acks']);
      if (a === 'all' || a === '-1' || a === '0' || a === '1') acks = a;
      else {
        err(ctx, [...cpath, 'acks'], `Enumeration value '${a}' for field '$emit.config.acks' is not a valid value.`, 'ASP305');
        ok = false;
      }
    }
    const tombstoneWhen = c['tombstoneWhen'] !== undefined ? ctx.compiler.expr(c['tombstoneWhen'], [...cpath, 'tombstoneWhen']) : undefined;
    if (!ok || !topic) return undefined;
    return { kind: 'kafka', connectionName: name, topic, key, keyFormat: keyFormat ?? 'binData', headers, outputFormat, isoDates: dateFormat === 'ISO8601', compression, acks, tombstoneWhen, ...(schemaRegistry ? { schemaRegistry } : {}) };
  },
  create(config, rt, next) {
    if (config.kind === 'testLog') return { push: (d, m) => next(d, m) };
    const io = ioOf(rt, '$emit');
    return config.kind === 'kafka' ? io.kafkaEmit(config, rt) : io.collectionEmit(config, rt);
  },
};
