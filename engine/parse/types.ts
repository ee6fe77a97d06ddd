/**
 * The stage catalog's contract. Each stage file exports one StageSpec: its documentation,
 * argument schema, placement rules, examples, a never-throwing parser and an operator factory.
 * The language server imports the same specs (parse only); the engine also calls create().
 * The operator contract create() returns is engine/core/operator.ts; what create() receives
 * at run time is engine/io/types.ts StageRuntime.
 */
import type { Emit, Operator } from '../core/operator';
import type { StageRuntime } from '../io/types';
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
