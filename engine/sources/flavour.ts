/** One `$source` flavour (documents, sample, Kafka, change stream): parse its options, make its Source. */
import type { Doc, JsonPath } from '../core/types';
import type { ConnectionType } from '../connections/types';
import type { ParseContext } from '../parse/types';
import type { Source } from '../core/source';
import type { SourceEnv } from '../io/types';

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
