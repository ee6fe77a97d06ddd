/**
 * `$source` from Kafka (asp-spec §2.1): one consumer per processor, one watermark input per
 * partition, positions (next offset per partition) as the checkpoint.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import type { Doc, JsonPath } from '../core/types';
import { isPlainObject } from '../bson/types';
import { enumValue, err, missing, noUnknownFields, optBool, optString, wrongType } from '../parse/args';
import type { ParseContext } from '../parse/types';
import type { SourceFlavour } from './flavour';
import { parseTimeOptions } from './common';
import { ioOf } from '../io/ioOf';
import { KEY_FORMATS, type KeyFormat } from '../io/enums';
import type { KafkaSourceConfig } from '../io/types';
import { parseDuration } from '../parse/duration';
import { parseSourceSchemaRegistry } from '../parse/schemaRegistry';

const FIELDS = ['connectionName', 'topic', 'timeField', 'tsFieldName', 'tsFieldOverride', 'partitionIdleTimeout', 'config', 'schemaRegistry'] as const;
const CONFIG_FIELDS = ['auto_offset_reset', 'group_id', 'enable_auto_commit', 'keyFormat', 'keyFormatError'] as const;
const EARLIEST = ['earliest', 'beginning', 'smallest'];
const OFFSET_RESETS = [...EARLIEST, 'latest', 'end', 'largest'] as const;

export const kafkaFlavour: SourceFlavour<KafkaSourceConfig> = {
  type: 'kafka',
  connectionTypes: ['Kafka'],
  fields: FIELDS,
  parse(arg: Doc, path: JsonPath, ctx: ParseContext) {
    noUnknownFields(arg, FIELDS, '$source', path, ctx);
    const time = parseTimeOptions(arg, path, ctx);
    let ok = true;
    const topic = arg['topic'];
    let topics: string[] = [];
    if (topic === undefined) {
      missing('$source', 'topic', path, ctx);
      ok = false;
    } else if (typeof topic === 'string' && topic.length > 0) {
      topics = [topic];
    } else if (Array.isArray(topic) && topic.length > 0 && topic.every((t) => typeof t === 'string' && t.length > 0)) {
      topics = topic as string[];
    } else {
      err(ctx, [...path, 'topic'], 'topic must be a topic name or a non-empty array of topic names', 'ASP304');
      ok = false;
    }
    let schemaRegistry: KafkaSourceConfig['schemaRegistry'];
    if (arg['schemaRegistry'] !== undefined) {
      schemaRegistry = parseSourceSchemaRegistry(arg['schemaRegistry'], [...path, 'schemaRegistry'], ctx);
      if (!schemaRegistry) ok = false;
    }
    let idle: number | undefined;
    if (arg['partitionIdleTimeout'] !== undefined) {
      idle = parseDuration(arg['partitionIdleTimeout'], 'partitionIdleTimeout', path, ctx);
      if (idle === undefined) ok = false;
    }
    const cfg = arg['config'] ?? {};
    let fromBeginning = false;
    let groupId: string | undefined;
    let enableAutoCommit: boolean | undefined;
    let keyFormat: KeyFormat = 'binData';
    let keyFormatError: 'dlq' | 'passThrough' = 'dlq';
    if (!isPlainObject(cfg)) {
      wrongType('$source', 'config', cfg, 'object', [...path, 'config'], ctx);
      ok = false;
    } else {
      const cpath = [...path, 'config'];
      noUnknownFields(cfg, CONFIG_FIELDS, '$source.config', cpath, ctx);
      const reset = enumValue(cfg, 'auto_offset_reset', OFFSET_RESETS, '$source.config', cpath, ctx);
      fromBeginning = reset !== undefined && EARLIEST.includes(reset);
      groupId = optString(cfg, 'group_id', '$source.config', cpath, ctx);
      enableAutoCommit = optBool(cfg, 'enable_auto_commit', '$source.config', cpath, ctx);
      keyFormat = enumValue(cfg, 'keyFormat', KEY_FORMATS, '$source.config', cpath, ctx) ?? 'binData';
      keyFormatError = enumValue(cfg, 'keyFormatError', ['dlq', 'passThrough'] as const, '$source.config', cpath, ctx) ?? 'dlq';
    }
    if (!ok) return undefined;
    return {
      ...time,
      connectionName: arg['connectionName'] as string,
      topics,
      partitionIdleTimeoutMs: idle,
      fromBeginning,
      groupId,
      enableAutoCommit,
      keyFormat,
      keyFormatError,
      ...(schemaRegistry ? { schemaRegistry } : {}),
    };
  },
  create(config, env) {
    return ioOf(env, '$source').kafkaSource(config, env);
  },
};
