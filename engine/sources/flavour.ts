/** One `$source` flavour (documents, sample, Kafka, change stream): parse its options, make its Source. */
import type { Clock } from '../core/clock';
import type { Doc, JsonPath } from '../core/types';
import type { ConnectionType } from '../connections/types';
import type { ParseContext } from '../parse/types';
import type { Source } from '../core/source';

export interface SourceEnv {
  clock: Clock;
  /** engine/connectors/services.ts Services; undefined for sources that need no I/O. */
  services: unknown;
  processorName: string;
  processorId: string;
  /** True for `asp run` / sp.process previews (affects Kafka group defaults). */
  ephemeral: boolean;
  /** Sample generator settings (local-only): docs per second (0 = as fast as possible), seed. */
  sample?: { rate?: number; seed?: number };
  /** Variable slots needed by expressions compiled with the pipeline's compiler. */
  slotCount: number;
}

export interface SourceFlavour<C = unknown> {
  /** `_stream_meta.source.type`: 'documents' | 'generated' | 'kafka' | 'atlas' */
  type: string;
  /** Connection types this flavour serves (none for `documents`). */
  connectionTypes: ConnectionType[];
  /** Option fields accepted besides connectionName (for completion and unknown-field checks). */
  fields: readonly string[];
  parse(arg: Doc, path: JsonPath, ctx: ParseContext): C | undefined;
  create(config: C, env: SourceEnv): Source;
}
