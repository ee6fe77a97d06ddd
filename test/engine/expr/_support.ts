/** Table-driven helpers for expression operator tests. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Value } from '../../../engine/core/types';
import type { Meta } from '../../../engine/core/meta';
import { ManualClock } from '../../../engine/core/clock';
import { ExprError } from '../../../engine/core/errors';
import { ExprCompiler, newEvalCtx } from '../../../engine/expr/compile';

/** Fixed time for every expression test: 2024-06-01T12:00:00Z. */
export const NOW = Date.UTC(2024, 5, 1, 12);

const ERR = Symbol('error');
const COMPILE = Symbol('compile');

export interface Expected {
  [ERR]?: string;
  [COMPILE]?: string;
}

/** Expect a runtime ExprError with exactly this message. */
export function err(message: string): Expected {
  return { [ERR]: message };
}

/** Expect a compile diagnostic with this code. */
export function compileErr(code: string): Expected {
  return { [COMPILE]: code };
}

export type Outcome = { value: Value } | { error: string } | { diagnostics: { code: string; message: string; reason?: unknown }[] };

/** Compile and evaluate like a stage does, with an injected clock and optional metadata. */
export function run(expr: Value, doc: Value, meta?: Meta, clock = new ManualClock(NOW)): Outcome {
  const c = new ExprCompiler();
  const f = c.expr(expr, []);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { diagnostics: errors.map((d) => ({ code: d.code, message: d.message, reason: d.data?.['reason'] })) };
  const ctx = newEvalCtx(c.slotCount, clock);
  ctx.current = doc;
  ctx.root = doc;
  ctx.meta = meta;
  try {
    return { value: f(ctx) };
  } catch (e) {
    if (e instanceof ExprError) return { error: e.message };
    throw e;
  }
}

export type Row = [doc: Value, expr: Value, expected: Value | Expected];

function isExpected(v: unknown): v is Expected {
  return typeof v === 'object' && v !== null && (ERR in v || COMPILE in v);
}

export function check(doc: Value, expr: Value, expected: Value | Expected): void {
  const out = run(expr, doc);
  const label = JSON.stringify(expr);
  if (isExpected(expected) && expected[COMPILE] !== undefined) {
    assert.ok('diagnostics' in out, `${label}: expected a compile error, got ${JSON.stringify(out)}`);
    assert.ok(out.diagnostics.some((d) => d.code === expected[COMPILE]), `${label}: ${JSON.stringify(out.diagnostics)}`);
    return;
  }
  // A call whose arguments are all constant fails when it is compiled (engine/expr/fold.ts),
  // with MongoDB's text as the reason, instead of for each document.
  if (isExpected(expected) && 'diagnostics' in out && out.diagnostics.some((d) => d.code === 'ASP411' && d.reason === expected[ERR])) return;
  assert.ok(!('diagnostics' in out), `${label}: unexpected compile error ${JSON.stringify('diagnostics' in out ? out.diagnostics : '')}`);
  if (isExpected(expected)) {
    assert.deepEqual(out, { error: expected[ERR] }, label);
    return;
  }
  assert.ok('value' in out, `${label}: threw ${'error' in out ? out.error : ''}`);
  assert.deepStrictEqual(out.value, expected, label);
}

/** One test per operator name, each running its rows. */
export function table(name: string, rows: Row[]): void {
  test(name, () => {
    for (const [doc, expr, expected] of rows) check(doc, expr, expected);
  });
}
