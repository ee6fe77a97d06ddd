/**
 * The aggregation-expression compiler's contract. An expression is compiled once per stage
 * into a closure `Expr`; evaluating it per document does no parsing and no lookups by name.
 */
import type { Clock } from '../core/clock';
import type { Meta } from '../core/meta';
import type { Diagnostic, JsonPath, Value } from '../core/types';

/**
 * Per-document accounting of what the expressions built, reset when the evaluation moves to
 * another root document (engine/expr/_shared/memory.ts charges it).
 */
export interface Growth {
  root: Value;
  used: number;
}

/** Per-evaluation state. One EvalCtx per stage instance, reused for every document. */
export interface EvalCtx {
  /** `$$CURRENT`; field paths `$a.b` resolve against it. */
  current: Value;
  /** `$$ROOT`. */
  root: Value;
  /** Variable slots allocated at compile time ($let, $map, $filter, $reduce, stage `let`). */
  vars: Value[];
  /** Stream metadata of the current document, for `{$meta: "stream..."}`. */
  meta: Meta | undefined;
  clock: Clock;
  /** What this document's expressions have built so far (engine/expr/_shared/memory.ts). */
  growth: Growth;
}

/** A compiled expression. Returns `undefined` for "missing". Throws ExprError on bad input. */
export type Expr = (ctx: EvalCtx) => Value;

export type ExprCategory =
  | 'arithmetic' | 'comparison' | 'boolean' | 'conditional' | 'string' | 'array' | 'set'
  | 'object' | 'type' | 'date' | 'variable' | 'stream' | 'misc' | 'accumulator';

export interface ExprExample {
  /** The document the expression is evaluated against. */
  doc: Record<string, Value>;
  /** The whole expression, e.g. `{ $add: ["$a", 1] }`. */
  expr: Value;
  /** Stream metadata of the document, for `{$meta: "stream..."}` examples. */
  meta?: Meta;
  /** Expected result (`undefined` = missing) ... */
  expected?: Value;
  /** ... or the expected runtime error message. */
  error?: string;
}

export interface ExprOperator {
  /** `$add` */
  name: string;
  category: ExprCategory;
  /** One line, shown in completion and hover. */
  summary: string;
  docsUrl: string;
  /** Syntax line for hover and signature help: `{ $add: [ <number|date>, ... ] }`. */
  syntax: string;
  /** Optional completion snippet (VS Code snippet syntax) for the argument. */
  snippet?: string;
  examples: ExprExample[];
  /** Build the closure. Report bad arguments through `c` and return a fallback; never throw. */
  compile(arg: Value, c: Compiler, path: JsonPath): Expr;
}

/** Services the compiler offers to operator implementations. */
export interface Compiler {
  /** Compile a nested expression located at `path` in the file. */
  expr(spec: Value, path: JsonPath): Expr;
  /** Report a compile diagnostic (code in the ASP4xx range) and return an Expr yielding null. */
  error(path: JsonPath, message: string, code?: Diagnostic['code']): Expr;
  report(d: Diagnostic): void;
  /**
   * Open a scope binding `names` to fresh slots in `EvalCtx.vars` while `fn` compiles the
   * body; `fn` receives the slot indices.
   */
  withVars<T>(names: string[], fn: (slots: number[]) => T): T;
  /** Look up an operator by name (for operators that compile siblings, e.g. accumulators). */
  operator(name: string): ExprOperator | undefined;
  /** True while compiling inside a window's inner pipeline (`$meta: "stream.window..."`). */
  readonly inWindow: boolean;
}
