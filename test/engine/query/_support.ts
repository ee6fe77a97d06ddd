/** Table-driven helpers for query operator tests. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Value } from '../../../engine/core/types';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';
import { compileFilter } from '../../../engine/query/compile';

/** [document, filter, expected] */
export type Row = [Value, Value, boolean];

export function compile(filter: Value, context: 'match' | 'validate' | 'lookup' = 'match') {
  const c = new ExprCompiler();
  const pred = compileFilter(filter, c, [], { context });
  const ctx = newEvalCtx(c.slotCount, { now: () => 0 });
  return { diagnostics: c.diagnostics as Diagnostic[], matches: (doc: Value) => pred(doc, ctx) };
}

export function matches(doc: Value, filter: Value): boolean {
  const { diagnostics, matches: m } = compile(filter);
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${show(filter)}`);
  return m(doc);
}

export function show(v: Value): string {
  return JSON.stringify(v, (_k, x) => (x === undefined ? '<missing>' : typeof x === 'bigint' ? `${x}n` : x instanceof RegExp ? String(x) : x));
}

/** One test per table; each row's failure names the row. */
export function table(name: string, rows: Row[]): void {
  test(name, () => {
    for (const [doc, filter, expected] of rows) {
      assert.equal(matches(doc, filter), expected, `${show(filter)} on ${show(doc)}`);
    }
  });
}

/** [filter, expected diagnostic code] for filters that must not compile. */
export function errorTable(name: string, rows: [Value, string, ('match' | 'validate' | 'lookup')?][]): void {
  test(name, () => {
    for (const [filter, code, context] of rows) {
      const { diagnostics } = compile(filter, context);
      assert.ok(diagnostics.some((d) => d.code === code && d.severity === 'error'), `${show(filter)}: expected ${code}, got ${show(diagnostics)}`);
    }
  });
}
