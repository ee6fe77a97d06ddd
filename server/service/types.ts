/** Contracts of the transport-free language service: the catalog it reads and the analyzer it calls. */
import type { Node } from 'jsonc-parser';
import type { JsonPath, LocatedDiagnostic } from '../../engine/core/types';
import type { ConnectionRegistry } from '../../engine/connections/types';
import type { StageSpec } from '../../engine/parse/types';

/** What hover, completion and signature help need from an operator (expression, query or accumulator). */
export interface OperatorDoc {
  name: string;
  category?: string;
  summary: string;
  docsUrl: string;
  syntax: string;
  /** VS Code snippet for the argument, e.g. `[ ${1:expr}, ${2:expr} ]`. */
  snippet?: string;
  examples?: readonly unknown[];
  /** Query operators: under a field (`{ f: { $gt: 1 } }`) or at the top of a filter (`$and`). */
  level?: 'field' | 'top';
}

/** The engine's catalogs, read-only. Tests may pass a subset. */
export interface Catalog {
  stages: ReadonlyMap<string, StageSpec>;
  exprOperators: ReadonlyMap<string, OperatorDoc>;
  queryOperators: ReadonlyMap<string, OperatorDoc>;
  accumulators: ReadonlyMap<string, OperatorDoc>;
}

/** The subset of the engine's Analysis the service relies on. */
export interface AnalysisLike {
  tree?: Node | undefined;
  diagnostics: LocatedDiagnostic[];
  form?: 'array' | 'processor' | undefined;
  pipelinePath?: JsonPath;
}

/** The engine's validator: the same function `asp validate` calls. */
export type AnalyzeFn = (text: string, opts: { connections: ConnectionRegistry; file?: string }) => AnalysisLike;

export type DocKind = 'pipeline' | 'connections';
