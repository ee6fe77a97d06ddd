/**
 * The value codecs built from what `$source.schemaRegistry` and `$emit.schemaRegistry` parse
 * into (engine/io/types.ts): createServices builds them for the Kafka source and sink
 * (engine/connectors/kafka/valueCodec.ts). Atlas syntax:
 *   $source: { ..., schemaRegistry: { connectionName } }
 *   $emit:   { ..., schemaRegistry: { connectionName, valueSchema: { type: "avro", schema,
 *              options: { subjectNameStrategy, autoRegisterSchemas } } } }
 */
import type { EmitSchemaRegistryConfig, RetryListener, RetryPolicy, SourceSchemaRegistryConfig } from '../../io/types';
import { AvroValueDecoder } from './avroDecoder';
import { AvroValueEncoder } from './avroEncoder';
import { schemaRegistryClientFor } from './client';
import type { SchemaRegistryConnection } from './connection';

// What the stage parsers produce (the configs live beside the other connector configs).
export type { EmitSchemaRegistryConfig, SourceSchemaRegistryConfig };

/** What building a codec needs from the services. */
export interface SchemaRegistryDeps {
  connection(name: string): SchemaRegistryConnection;
  env: NodeJS.ProcessEnv;
  retry?: { policy?: Partial<RetryPolicy>; onRetry?: RetryListener };
  /** For SASL_INHERIT: the SASL user of the stage's Kafka connection. */
  kafkaSasl?: { username?: string; password?: string };
}

function client(name: string, deps: SchemaRegistryDeps) {
  return schemaRegistryClientFor(deps.connection(name), { env: deps.env, retry: deps.retry, inherited: deps.kafkaSasl });
}

export function createAvroDecoder(cfg: SourceSchemaRegistryConfig, deps: SchemaRegistryDeps): AvroValueDecoder {
  return new AvroValueDecoder(client(cfg.connectionName, deps));
}

export function createAvroEncoder(cfg: EmitSchemaRegistryConfig, deps: SchemaRegistryDeps): AvroValueEncoder {
  const v = cfg.valueSchema;
  return new AvroValueEncoder(client(cfg.connectionName, deps), {
    schema: v?.schema,
    autoRegisterSchemas: v?.options.autoRegisterSchemas,
    subjectNameStrategy: v?.options.subjectNameStrategy,
  });
}
