/**
 * The connector catalog's contract: one ConnectionKind per connection type, exported by
 * engine/connectors/<type>/kind.ts and listed once in engine/connectors/catalog/kinds.ts. The
 * kind is the I/O-free half: the registry shape as a field table, its checks, hover and role
 * text, the Connections view's icon, the add/edit form, stats labels. Its I/O half (test
 * connection) sits beside it in runtime.ts and is reached only through `load()`, which the
 * language server and extension bundles leave out (docs/architecture.md, "Connector kinds").
 */
import type { Connection, ConnectionType } from '../connections/types';
import type { Doc, JsonPath } from '../core/types';
import type { ConnectionRuntime } from '../io/connectionRuntime';
import type { FieldSpec } from './fieldSpec';

/** A problem a kind's own check finds, at `path` relative to the entry. */
export type KindReport = (message: string, path: JsonPath, severity?: 'error' | 'warning') => void;

export interface ConnectionKind<C extends Connection = Connection> {
  type: C['type'] & ConnectionType;
  /** One line for the type picker, completion and the view's tooltip. */
  summary: string;
  /** Where a connection of this type may be used (hover "Used for"). */
  usedFor: string;
  /** The Connections view's icon (a codicon id). */
  icon: string;
  /** Atlas's page for this connection type. */
  docsUrl: string;
  /** The registry shape besides `name` and `type`: fields, secrets, required, enums and docs. */
  fields: readonly FieldSpec[];
  /** The fields a new entry starts with (completion snippet, the create-connection quick fix). */
  template?: Doc;
  /** What the add/edit form asks for: dotted paths into `fields`, in order. */
  form: readonly string[];
  /**
   * Only Atlas reaches connections of this type (AWS, Azure and GCP services): entries load and
   * stages that use them are checked, with an Atlas-only warning, and never run locally.
   */
  atlasOnly?: boolean;
  /** Why the local engine cannot use this particular entry (a Kafka SASL mechanism only Atlas runs). */
  unreachable?(c: C): string | undefined;
  /** Entries every workspace has (`sample_stream_solar`, `local`, `__testLog`). */
  builtins?: readonly C[];
  /** False for built-in-only types: a registry file may not declare them. */
  inFile?: boolean;
  /** Checks the table cannot express (reported as ASP502, an error unless said otherwise). */
  check?(c: Doc, report: KindReport): void;
  /** Hover and tooltip lines; never a secret. The editor may pass an entry the loader has not checked. */
  describe(c: C): string[];
  /** Verbose stats: the engine operator name of a `$source` on this type. */
  statsLabels?: { source?: string };
  /** Test connection's answer for a type with nothing to reach (built-ins, Atlas-only types). */
  testMessage?: string;
  /** The I/O half (engine/connectors/<type>/runtime.ts), loaded on demand by composition roots. */
  load?(): Promise<{ runtime: ConnectionRuntime<C> }>;
}
