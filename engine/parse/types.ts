/**
 * The stage catalog's contract. Each stage file exports one StageSpec: its documentation,
 * argument schema, placement rules, examples, a never-throwing parser and an operator factory.
 * The language server imports the same specs (parse only); the engine also calls create().
 */
import type { Clock } from '../core/clock';
import type { Meta } from '../core/meta';
import type { Doc, JsonPath, Value, Diagnostic } from '../core/types';
import type { ExprCompiler } from '../expr/compile';
import type { ConnectionRegistry } from '../connections/types';

/** A JSON Schema object (draft-07 subset) describing a stage's argument. */
export type JsonSchema = Record<string, unknown>;

export type StageKind =
  | 'source' // $source: first, exactly once
  | 'sink' // $merge, $emit: last, exactly once (persistent processors)
  | 'window' // $tumblingWindow, $hoppingWindow, $sessionWindow: at most one
  | 'windowOnly' // $group, $sort, $limit, $count: only inside a window's pipeline
  | 'transform'; // everything else

/** Where a stage may appear (asp-spec §1.2). */
export interface Placement {
  main: boolean;
  window: boolean;
  payload: boolean;
}

export interface StageExample {
  title: string;
  /** The stage itself, e.g. `{ $match: { a: 1 } }`. */
  stage: Doc;
  input: Doc[];
  /** Expected documents out (in order). Omit for examples that only show syntax. */
  output?: Doc[];
  /** Expected DLQ reasons, in order. */
  dlq?: string[];
}

/** What parse() can see besides the argument. */
export interface ParseContext {
  /** One compiler per pipeline: stages compile their expressions with it. */
  compiler: ExprCompiler;
  connections: ConnectionRegistry;
  /** Processor options: `dlq` presence matters to `$validate`. */
  hasDlq: boolean;
  /** 'main' | 'window' | 'payload' */
  context: 'main' | 'window' | 'payload';
  /** Parse an inner pipeline (windows, $https payload, $lookup pipeline) at `path`. */
  parsePipeline(stages: Value, path: JsonPath, context: 'window' | 'payload'): ParsedStage[];
  report(d: Diagnostic): void;
}

export interface ParsedStage<C = unknown> {
  spec: StageSpec<C>;
  name: string;
  path: JsonPath;
  /** Undefined when parse reported errors. */
  config: C | undefined;
}

/** A DLQ record as an operator raises it; the runtime adds processorName, dlqTime, ... */
export interface DlqInput {
  operatorName: string;
  reason: string;
  doc?: Doc | string;
  meta?: Meta;
  missedWindowStartTimes?: number[];
}

/** Everything an operator may use at run time; I/O arrives here, never by import. */
export interface StageRuntime {
  clock: Clock;
  /** Number of variable slots needed by expressions compiled with the pipeline's compiler. */
  slotCount: number;
  /** Send a document to the dead letter queue. Never throws. */
  dlq(rec: DlqInput): void;
  processorName: string;
  /** Connectors for sinks/lookups; undefined in the language server. */
  services?: unknown;
  /** Build operators for an inner pipeline (windows), wired to `next`. */
  buildChain?(stages: ParsedStage[], next: Emit): Operator;
}

/** Downstream push. */
export type Emit = (doc: Doc, meta: Meta) => void;

/**
 * Streams a snapshot into the checkpoint encoder without building it first. A table that
 * implements `snapshotTo` must write exactly the structure its `snapshot()` returns.
 */
export interface SnapshotWriter {
  /** An array of `length` values follows. */
  array(length: number): void;
  /** An object of `fieldCount` (key, value) pairs follows. */
  object(fieldCount: number): void;
  key(name: string): void;
  /** Any value, written whole. */
  value(v: Value): void;
}

/** A named piece of operator state that the checkpoint coordinator snapshots. */
export interface StateTable {
  name: string;
  /** A JSON/EJSON-serialisable snapshot of the table. */
  snapshot(): Value;
  /** Optional fast path for big tables: the same snapshot, streamed (checkpoints). */
  snapshotTo?(w: SnapshotWriter): void;
  restore(data: Value): void;
  /** Approximate bytes held, for stats. */
  size(): number;
}

/** A running stage. Push-based: `push` calls `next` zero or more times. */
export interface Operator {
  push(doc: Doc, meta: Meta): void;
  /** The combined event-time watermark advanced (ms). Windows close here. */
  watermark?(wm: number): void;
  /** Processing-time tick (idle timeouts, processing-time windows). */
  tick?(now: number): void;
  /** End of a finite input: fire everything still open (asp run's drain). */
  flush?(): void;
  /** Declared state for checkpoints. */
  tables?(): StateTable[];
  /** Sinks: wait until everything pushed so far is durably written. */
  drain?(): Promise<void>;
  close?(): Promise<void>;
}

export interface StageSpec<C = unknown> {
  /** `$match` */
  name: string;
  kind: StageKind;
  placement: Placement;
  /** Engine operator class name used in DLQ records, e.g. `AddFieldsOperator`. */
  operatorName: string;
  summary: string;
  docsUrl: string;
  /** Syntax line for hover, e.g. `{ $match: { <query> } }`. */
  syntax: string;
  schema: JsonSchema;
  examples: StageExample[];
  /** Validate and type the argument; report problems through ctx.report; never throw. */
  parse(arg: Value, path: JsonPath, ctx: ParseContext): C | undefined;
  /** Build the operator. Absent for stages the local engine validates but cannot run. */
  create?(config: C, rt: StageRuntime, next: Emit): Operator;
}
