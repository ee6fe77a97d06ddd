/**
 * The stage catalog's contract. Each stage file exports one StageSpec: its documentation, its
 * argument's field table (or root role), placement rules, examples, a never-throwing parser,
 * an output-shape function and an operator factory. The JSON Schema and the unknown/missing/
 * wrong-type checks are derived from the table (fieldSchema.ts, checkFields.ts). The language
 * server imports the same specs (parse only); the engine also calls create(). The operator
 * contract create() returns is engine/core/operator.ts; what create() receives at run time is
 * engine/io/types.ts StageRuntime.
 */
import type { Emit, Operator } from '../core/operator';
import type { StageRuntime } from '../io/types';
import type { Doc, JsonPath, Value, Diagnostic } from '../core/types';
import type { ExprCompiler } from '../expr/compile';
import type { ConnectionRegistry } from '../connections/types';
import type { FieldSpec, FieldType, RootRole } from './fieldSpec';
import type { Shape } from './shape';

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
  /** Collections of the embedded `local` store (database `asp`) before the run, by name. */
  store?: Record<string, Doc[]>;
  /** Expected contents of `local` store collections after the run (sinks), by name. */
  stored?: Record<string, Doc[]>;
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
  /** The stage is the last of the main pipeline (where `$https` needs no `as`). */
  isLast?: boolean;
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
  /**
   * The argument's fields, for stages whose argument is an options object. The shared checker
   * (checkFields.ts) reports unknown, missing, wrongly typed and out-of-enum fields from it
   * before parse() runs, so parse() keeps only the rules a table cannot say.
   */
  fields?: readonly FieldSpec[];
  /**
   * Why parse() checks the table's fields itself and the shared checker skips the stage
   * (`$source`: the connection's type picks the flavour, and each flavour knows its own fields).
   */
  checkFieldsInParse?: string;
  /** For stages whose whole argument has one role (`$match`: a query; `$limit`: a literal). */
  rootRole?: RootRole;
  /** Value types of a `rootRole` argument (for the schema and the editor). */
  rootType?: FieldType | readonly FieldType[];
  /** A short form besides the options object: `$unwind: "$tags"` is `{ path: "$tags" }`. */
  shorthand?: { role: RootRole; type: FieldType; description: string };
  /** The prefix MongoDB's IDL parser puts in messages when it is not the stage name (`tumblingWindow`). */
  idlName?: string;
  /** May end a processor's pipeline although it is not a sink (Atlas accepts it since 2026-01). */
  terminal?: boolean;
  /**
   * Its operator may pass documents on after push() returns (replies, a batch answered in
   * drain()): it implements Operator.afterPending, and windows run it asynchronously.
   */
  passesOnLater?: boolean;
  examples: StageExample[];
  /** Why the stage has no runnable example (needs an Atlas service, a Kafka broker...). */
  noExample?: string;
  /**
   * The fields that come out of the stage given the fields that go in, for field-path
   * completion. `arg` is the argument as plain JSON, possibly half typed. Absent: unchanged.
   */
  outputShape?(input: Shape, arg: Value, ctx: ShapeContext): Shape;
  /** Sinks: true when this configured sink hands documents to the run's output (`__testLog`). */
  toRunOutput?(config: C): boolean;
  /** Validate and type the argument; report problems through ctx.report; never throw. */
  parse(arg: Value, path: JsonPath, ctx: ParseContext): C | undefined;
  /** Build the operator. Absent for stages the local engine validates but cannot run. */
  create?(config: C, rt: StageRuntime, next: Emit): Operator;
}

/** What outputShape() can see besides the input shape and the argument. */
export interface ShapeContext {
  connections: ConnectionRegistry;
  /** The output shape of the stage's inner pipeline (windows), when it has one. */
  inner?: Shape;
}
