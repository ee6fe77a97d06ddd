/**
 * The seam between the I/O-free catalog and the connectors. Stage and source-flavour files
 * parse and type their configs here-side; the operators and sources that talk to Kafka or
 * MongoDB live in engine/connectors and arrive at create() time as `services.io`, so
 * importing the catalog (the language server does) never loads a driver.
 */
import { EngineError } from '../core/errors';
import type { Source } from '../core/source';
import type { SourceEnv } from '../sources/flavour';
import type { KafkaSourceConfig } from '../sources/kafka';
import type { ChangeStreamConfig } from '../sources/changeStream';
import type { Emit, Operator, StageRuntime } from '../parse/types';
import type { CollectionEmitConfig, KafkaEmitConfig } from '../stages/emit';
import type { MergeConfig } from '../stages/merge';
import type { LookupConfig } from '../stages/lookup';

/** Kafka key encodings shared by `$source` (decode) and `$emit` (encode). */
export const KEY_FORMATS = ['binData', 'string', 'json', 'int', 'long', 'double'] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** `$emit` value encodings. */
export type OutputFormat = 'relaxedJson' | 'canonicalJson' | 'basicJson';

/** Factories for everything in the catalog that needs a connection. */
export interface StageIO {
  kafkaEmit(cfg: KafkaEmitConfig, rt: StageRuntime): Operator;
  collectionEmit(cfg: CollectionEmitConfig, rt: StageRuntime): Operator;
  merge(cfg: MergeConfig, rt: StageRuntime): Operator;
  lookup(cfg: LookupConfig, rt: StageRuntime, next: Emit): Operator;
  kafkaSource(cfg: KafkaSourceConfig, env: SourceEnv): Source;
  changeStreamSource(cfg: ChangeStreamConfig, env: SourceEnv): Source;
}

/**
 * The connector factories carried by `rt.services` / `env.services`. Without them (the
 * language server, or a run opened without connections) this is an internal error: the
 * caller should have opened services before building a pipeline that names a connection.
 */
export function ioOf(holder: { services?: unknown }, stage: string): StageIO {
  const io = (holder.services as { io?: StageIO } | undefined)?.io;
  if (!io) throw new EngineError(`${stage} needs connections, which are not available here`, 'internal', 'ASP_NO_SERVICES', stage);
  return io;
}
