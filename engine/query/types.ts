/**
 * The query (MQL filter) compiler's contract. A filter compiles once into a tree of closures;
 * field paths are split once; matching a document is plain function calls.
 */
import type { Diagnostic, Doc, JsonPath, Value } from '../core/types';
import type { Compiler, EvalCtx } from '../expr/types';

/** A compiled filter: true when `doc` matches. May throw ExprError (from `$expr`). */
export type Predicate = (doc: Value, ctx: EvalCtx) => boolean;

/** Tests one value found at a path; `undefined` stands for "missing". Never expands arrays. */
export type ValuePred = (v: Value, ctx: EvalCtx) => boolean;

/**
 * What a field operator compiles to. Path traversal and array semantics differ by kind, so the
 * kind is kept rather than collapsing everything to one closure:
 * - `any`: matches when some value along the path passes `test`. With `leafArrays`, an array at
 *   the end of the path offers its elements and then itself ($eq, $gt, $type, ...); without,
 *   only itself ($size, $elemMatch).
 * - `and`: every inner matcher matches (several operators on one field, `$all`).
 * - `not`: the inner matcher does not match ($ne, $nin, $not).
 * `test` is the single-value form used by `$elemMatch` on array elements.
 */
export type FieldMatcher =
  | { kind: 'any'; test: ValuePred; leafArrays: boolean }
  | { kind: 'and'; test: ValuePred; inner: FieldMatcher[] }
  | { kind: 'not'; test: ValuePred; inner: FieldMatcher };

export type FilterContext = 'match' | 'validate' | 'lookup';

/** Services the filter compiler offers to operator implementations. */
export interface QueryContext {
  /** The pipeline's expression compiler (for `$expr`) and diagnostic sink. */
  readonly c: Compiler;
  readonly context: FilterContext;
  /** Report an error diagnostic (ASP42x). Returns undefined so callers can `return q.fail(...)`. */
  fail(path: JsonPath, message: string, code?: Diagnostic['code'], extra?: { target?: 'key' | 'value'; data?: Record<string, unknown> }): undefined;
  /** Compile a nested filter document (entries of `$and`, `$elemMatch` query form). */
  filter(spec: Value, path: JsonPath, topLevel: boolean): Predicate;
  /** Compile an operator document such as `{ $gt: 1, $lt: 5 }` (all keys start with `$`). */
  operators(obj: Doc, path: JsonPath): FieldMatcher;
}

export type QueryCategory =
  | 'comparison' | 'logical' | 'element' | 'evaluation' | 'array' | 'bitwise' | 'geospatial' | 'misc';

/** A documented use of an operator, run as a test (test/engine/examples.test.ts) and shown in hover. */
export interface QueryExample {
  /** The whole filter, e.g. `{ qty: { $gt: 20 } }`. */
  filter: Doc;
  /** A document the filter is tried on ... */
  doc: Doc;
  /** ... and whether it matches it; */
  matches?: boolean;
  /** or the compile error of an operator ASP or the local engine rejects. */
  error?: string;
}

/** One query operator: docs metadata for the editor, plus how to compile it. */
export interface QueryOperatorSpec {
  /** `$gt` */
  name: string;
  /** `field`: `{ <field>: { $op: ... } }`; `top`: `{ $op: ... }` at the top of a filter. */
  level: 'field' | 'top';
  category: QueryCategory;
  /** One line, shown in completion and hover. */
  summary: string;
  docsUrl: string;
  /** Syntax line for hover: `{ <field>: { $gt: <value> } }`. */
  syntax: string;
  /** One to three uses of the operator with their outcome (runnable documentation). */
  examples: QueryExample[];
  /** Optional completion snippet (VS Code snippet syntax) for the operator's argument. */
  snippet?: string;
  /** Set when Atlas Stream Processing or the local engine does not run the operator: why. */
  unsupported?: string;
  /**
   * Field operators: build the matcher. `siblings` is the whole operator document (for
   * `$regex` + `$options`). Return undefined when the operator adds no condition or after
   * reporting a problem. Never throw.
   */
  compileField?(arg: Value, q: QueryContext, path: JsonPath, siblings: Doc): FieldMatcher | undefined;
  /** Top-level operators: build the predicate, or undefined (no condition / reported problem). */
  compileTop?(arg: Value, q: QueryContext, path: JsonPath): Predicate | undefined;
}
