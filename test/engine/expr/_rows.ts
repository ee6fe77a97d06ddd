/** The row harness of the date and type tables: [doc, expr, expected | err(message) | diag(code)]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../engine/core/clock';
import { ExprError } from '../../../engine/core/errors';
import { evaluate } from '../../../engine/expr/compile';

export const clock = new ManualClock(Date.UTC(2024, 0, 1));

/** Expected runtime error message. */
export class Err { constructor(readonly message: string) {} }
/** Expected compile diagnostic code. */
export class Diag { constructor(readonly code: string) {} }
export const err = (m: string): Err => new Err(m);
export const diag = (c: string): Diag => new Diag(c);

export type Row = [doc: Record<string, unknown>, expr: unknown, expected: unknown];

export function run(title: string, rows: Row[]): void {
  test(title, () => {
    for (const [doc, expr, expected] of rows) {
      const label = JSON.stringify(expr) + ' ' + JSON.stringify(doc);
      if (expected instanceof Err) {
        // All-constant calls fail at compile time with MongoDB's text as the reason (engine/expr/fold.ts).
        let folded: { code: string; data?: Record<string, unknown> }[] = [];
        try {
          folded = evaluate(expr, doc, clock).diagnostics;
        } catch {
          // a runtime error: checked below
        }
        if (folded.some((d) => d.code === 'ASP411' && d.data?.['reason'] === expected.message)) continue;
        assert.throws(() => evaluate(expr, doc, clock), (e: unknown) => {
          assert.ok(e instanceof ExprError, label);
          assert.equal(e.message, expected.message, label);
          return true;
        }, label);
        continue;
      }
      const r = evaluate(expr, doc, clock);
      if (expected instanceof Diag) {
        assert.ok(r.diagnostics.some((d) => d.code === expected.code), `${label}: expected ${expected.code}, got ${JSON.stringify(r.diagnostics)}`);
        continue;
      }
      assert.deepEqual(r.diagnostics, [], label);
      assert.deepStrictEqual(r.value, expected, label);
    }
  });
}
