/**
 * The run-time seam between the I/O-free catalog and the connectors, as types only: what an
 * operator or a source receives when it is created (StageRuntime, SourceEnv), the connector
 * services behind it (Services, whose `io` builds the connection-backed operators and sources),
 * and the configs those factories take. Importing this module loads nothing: every import here
 * is `import type`, so the language server and the catalog can name these types without a
 * driver. engine/connectors/services.ts createServices() implements Services; only the
 * composition roots (the CLI run command, the daemon instance, bin/) call it.
 */
import type { Timestamp } from 'bson';
import type { Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import type { Clock } from '../core/clock';
import type { Meta } from '../core/meta';
import type { Emit, DlqInput, Operator } from '../core/operator';
import type { Source } from '../core/source';
import type { Doc, Value } from '../core/types';
import type { ConnectionRegistry, KafkaConnection } from '../connections/types';
import type { Expr } from '../expr/types';
import type { LocalStore } from '../store/localStore';
import type { KeyFormat, Matched, NotMatched, OutputFormat, SubjectNameStrategy } from './enums';
import type { CollectionTarget } from './target';

/** Everything an operator may use at run time; I/O arrives here, never by import. */
export interface StageRuntime {
  clock: Clock;
  /** Number of variable slots needed by expressions compiled with the pipeline's compiler. */
  slotCount: number;
  /** Send a document to the dead letter queue. Never throws. */
  dlq(rec: DlqInput): void;
  processorName: string;
  /** Connectors for sinks/lookups; undefined in the language server. */
  services?: Services;
  /**
   * Build operators for an inner pipeline (windows), wired to `next`. `onLateError` receives what
   * a stage throws while an async stage passes a document or a signal on after push() returned
   * (a window poisons itself with it); without it such an error fails the run.
   */
  buildChain?(stages: readonly ChainStage[], next: Emit, onLateError?: (e: unknown) => void): Operator;
  /** Publish the stage's own figures (cache hits, throttle state) for verbose operatorStats. */
  reportStats?(read: () => Record<string, Value>): void;
}

/**
 * A parsed stage as buildChain reads it. engine/parse/types.ts ParsedStage satisfies it; the
 * structural type keeps this module from importing the catalog contract (which imports it).
 */
export interface ChainStage {
  readonly name: string;
  readonly config: unknown;
  // Method syntax on purpose: parameters of methods are checked bivariantly, so a
  // StageSpec<C> whose create takes its own C is still a ChainStage.
  readonly spec: { passesOnLater?: boolean; create?(config: unknown, rt: StageRuntime, next: Emit): Operator };
}

export interface SourceEnv {
  clock: Clock;
  /** The connector services; undefined for sources that need no I/O. */
  services: Services | undefined;
  processorName: string;
  processorId: string;
  /** True for `asp run` / sp.process previews (affects Kafka group defaults). */
  ephemeral: boolean;
  /** Sample generator settings (local-only): docs per second (0 = as fast as possible), seed. */
  sample?: { rate?: number; seed?: number };
  /** Variable slots needed by expressions compiled with the pipeline's compiler. */
  slotCount: number;
}


export interface Services {
  readonly registry: ConnectionRegistry;
  /** A Cluster or Local connection's collection. Throws a user EngineError for other names. */
  collection(connectionName: string, db: string, coll: string): CollectionTarget;
  /** The kafkajs client of a Kafka connection (shared by sources and sinks of one run). */
  kafka(connectionName: string): Kafka;
  kafkaConnection(connectionName: string): KafkaConnection;
  /** A connected MongoClient for a Cluster connection. */
  mongo(connectionName: string): Promise<MongoClient>;
  readonly localStore: LocalStore;
  readonly env: NodeJS.ProcessEnv;
  retry: { policy: RetryPolicy; onRetry?: RetryListener };
  /** Operators and sources for the catalog's connection-backed stages, bound to these services. */
  readonly io: Io;
  close(): Promise<void>;
}

/** Factories for everything in the catalog that needs a connection. */
export interface Io {
  kafkaEmit(cfg: KafkaEmitConfig, rt: StageRuntime): Operator;
  collectionEmit(cfg: CollectionEmitConfig, rt: StageRuntime): Operator;
  merge(cfg: MergeConfig, rt: StageRuntime): Operator;
  lookup(cfg: LookupConfig, rt: StageRuntime, next: Emit): Operator;
  https(cfg: HttpsConfig, rt: StageRuntime, next: Emit): Operator;
  cachedLookup(cfg: CachedLookupConfig, rt: StageRuntime, next: Emit): Operator;
  kafkaSource(cfg: KafkaSourceConfig, env: SourceEnv): Source;
  changeStreamSource(cfg: ChangeStreamConfig, env: SourceEnv): Source;
}

// ---------------------------------------------------------------------------
// Connector configs: what a stage's or source flavour's parse() produces and its connector reads
// ---------------------------------------------------------------------------

/** Options every `$source` flavour shares: timeField, tsFieldName (asp-spec §2, §4.4). */
export interface TimeOptions {
  timeField?: Expr;
  tsFieldName: string;
}

export interface KafkaSourceConfig extends TimeOptions {
  connectionName: string;
  topics: string[];
  partitionIdleTimeoutMs?: number;
  /** true = earliest */
  fromBeginning: boolean;
  groupId?: string;
  enableAutoCommit?: boolean;
  keyFormat: KeyFormat;
  keyFormatError: 'dlq' | 'passThrough';
  /** Values are Confluent-framed Avro, decoded with this SchemaRegistry connection's schemas. */
  schemaRegistry?: SourceSchemaRegistryConfig;
}

/** `$source.schemaRegistry`. */
export interface SourceSchemaRegistryConfig {
  /** A SchemaRegistry connection. */
  connectionName: string;
}

/** `$emit.schemaRegistry`: values are written as Confluent-framed Avro. */
export interface EmitSchemaRegistryConfig {
  connectionName: string;
  valueSchema?: {
    /** Atlas accepts "avro" only. */
    type: 'avro';
    /** The writer schema (an Avro schema object or its JSON text); absent = the subject's latest. */
    schema?: string | object;
    options: { autoRegisterSchemas: boolean; subjectNameStrategy: SubjectNameStrategy };
  };
}

export interface ChangeStreamConfig extends TimeOptions {
  connectionName: string;
  db?: string;
  colls?: string[];
  fullDocument: 'default' | 'updateLookup' | 'required' | 'whenAvailable';
  fullDocumentOnly: boolean;
  fullDocumentBeforeChange: 'off' | 'whenAvailable' | 'required';
  pipeline: Doc[];
  startAfter?: Doc;
  startAtOperationTime?: Timestamp;
  maxAwaitTimeMS: number;
  /** `initialSync: {enable: true}`: scan the collections first (parallelism is accepted, scans run one at a time). */
  initialSync?: { parallelism: number };
}

export interface KafkaEmitConfig {
  kind: 'kafka';
  connectionName: string;
  topic: { literal: string } | { expr: Expr };
  key?: Expr;
  keyFormat: KeyFormat;
  headers?: Expr;
  outputFormat: OutputFormat;
  isoDates: boolean;
  compression?: string;
  acks: 'all' | '-1' | '0' | '1';
  tombstoneWhen?: Expr;
  /** Values are encoded as Avro through this SchemaRegistry connection. */
  schemaRegistry?: EmitSchemaRegistryConfig;
}

export interface CollectionEmitConfig {
  kind: 'collection';
  connectionName: string;
  db: NameSpec;
  coll: NameSpec;
}

/** A `db`/`coll` that may be a literal string or an expression evaluated per document. */
export type NameSpec = { literal: string } | { expr: Expr };



export interface MergeConfig {
  connectionName: string;
  db: NameSpec;
  coll: NameSpec;
  on: string[];
  let: [string, Expr][];
  whenMatched: { mode: Matched } | { pipeline: Value[] } | { expr: Expr };
  whenNotMatched: { mode: NotMatched } | { expr: Expr };
  parallelism: number;
  inner: (rt: StageRuntime) => InnerPipeline;
}

export interface LookupConfig {
  connectionName: string;
  db: string;
  coll: string;
  localField?: string;
  foreignField?: string;
  let: [string, Expr][];
  pipeline?: Value[];
  as: string;
  parallelism: number;
  inner: (rt: StageRuntime) => InnerPipeline;
}

export interface HttpsConfig {
  connectionName: string;
  /** Appended to the connection's URL (slash-joined): a literal, or an expression per document. */
  path?: { literal: string } | { expr: Expr };
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: [string, Expr][];
  parameters: [string, Expr][];
  /** Where the parsed reply goes; absent when $https ends the pipeline without one. */
  as?: string;
  onError: 'dlq' | 'ignore' | 'fail';
  /** Stages shaping the request body (whole document when absent). */
  payload?: readonly ChainStage[];
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  parseJsonStrings: boolean;
}

export interface CachedLookupConfig {
  connectionName: string;
  db: string;
  coll: string;
  localField: string;
  foreignField: string;
  as: string;
  ttlMs: number;
  /** Undefined: 10% of this machine's memory (Atlas: of the workspace's). */
  maxMemUsageBytes?: number;
}

/** A user pipeline run per call at run time ($merge whenMatched, $lookup let/pipeline). */
export interface InnerPipeline {
  /** Run `stages` (raw JSON) with `vars` bound over `input`; returns the output documents. */
  run(stages: Value, vars: Map<string, Value>, input: Doc[], meta: Meta): Doc[];
}

// ---------------------------------------------------------------------------
// Retry policy shared by every connector (engine/connectors/retry.ts withRetry)
// ---------------------------------------------------------------------------

export interface RetryPolicy {
  /** First delay in ms; doubles each attempt (with jitter) up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up once this much time has passed since the first failure (ms). */
  maxElapsedMs: number;
}

/** Reported on every failed attempt, so a UI can show "retrying ...". */
export type RetryListener = (info: { what: string; attempt: number; delayMs: number; error: string }) => void;
