/**
 * The `$group` accumulator contract. Each accumulator file exports one AccumulatorSpec: catalog
 * metadata for completion and hover, and `compile`, which turns the argument into an incremental
 * state machine evaluated per document with plain closures.
 */
import type { Doc, JsonPath, Value } from '../core/types';
import type { Compiler, EvalCtx, Expr } from '../expr/types';

/**
 * An incremental accumulator. `add` returns the new state so primitive states need no boxing;
 * object states may be mutated in place and returned.
 */
export interface Accumulator<S = any> {
  init(): S;
  add(s: S, ctx: EvalCtx): S;
  /**
   * Optional split form of add: `add(s, ctx) === step(s, input(ctx))`, or `step(s, undefined)`
   * when there is no input. `$group` evaluates an input shared by several accumulators (e.g.
   * `$avg` and `$max` of the same field) once per document.
   */
  input?: Expr;
  step?(s: S, v: Value): S;
  /**
   * Combine the partial states of two panes, `a` covering earlier event time than `b`.
   * Must not mutate `b`. Absent when the result depends on arrival order across panes.
   */
  merge?(a: S, b: S): S;
  /**
   * Like merge, but may update `a` in place (the caller owns it: it came from init() or an
   * earlier mergeInto). Saves an allocation per key when a running combination grows.
   */
  mergeInto?(a: S, b: S): S;
  result(s: S): Value;
  /** `result(merge(a, b))` without building the merged state (a hopping window firing). */
  mergedResult?(a: S, b: S): Value;
  /** An EJSON-serialisable copy of the state, for checkpoints. */
  snapshot(s: S): Value;
  restore(v: Value): S;
}

export interface AccumulatorExample {
  title: string;
  /** Documents fed to one group key, in order. */
  input: Doc[];
  /** The accumulator expression, e.g. `{ $sum: "$qty" }`. */
  acc: Doc;
  expected: Value;
}

export interface AccumulatorSpec {
  /** `$sum` */
  name: string;
  summary: string;
  docsUrl: string;
  /** `{ $sum: <expression> }` */
  syntax: string;
  examples: AccumulatorExample[];
  /** Build the accumulator; report problems through `c.report` (ASP34x) and return undefined. */
  compile(arg: Value, c: Compiler, path: JsonPath): Accumulator | undefined;
}
