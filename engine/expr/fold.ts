/**
 * Constant folding of expression operators, as MongoDB's ExpressionNary::optimize does when it
 * parses a pipeline: an operator whose arguments are all constant is evaluated once, at compile
 * time. If that throws MongoDB's error, every document would fail the same way, so the error is
 * a compile diagnostic (ASP411) naming the stage and the operator's path instead of one DLQ
 * record per document. If it succeeds, a scalar result replaces the closure.
 */
import type { Diagnostic, JsonPath, Value } from '../core/types';
import type { Clock } from '../core/clock';
import { ExprError } from '../core/errors';
import { isPlainObject } from '../bson/types';
import type { EvalCtx, Expr } from './types';
import { newGrowth } from './_shared/memory';

/**
 * Operators whose value does not follow from their arguments: they read the clock, a random
 * source, the stream metadata or `$$CURRENT` without a field path in their argument.
 */
export const NOT_FOLDABLE: ReadonlySet<string> = new Set([
  '$rand', '$createUUID', '$createObjectId', '$currentDate', '$meta', '$getField', '$function', '$accumulator',
]);

/**
 * Operators that may not evaluate every argument ($cond's other branch, $and after a false,
 * $map's `in` over an empty array, $convert's `onError`). A constant argument that always fails
 * under one of them with a document-dependent argument may never run, so it stays a runtime
 * error; under any other operator it is reported.
 */
export const LAZY: ReadonlySet<string> = new Set([
  '$cond', '$switch', '$and', '$or', '$ifNull', '$map', '$filter', '$reduce', '$let', '$convert',
  '$dateFromString', '$dateToString',
]);

/** Closures whose value is the same for every document (literals, folded calls, constant containers). */
const constant = new WeakSet<Expr>();

/** Constant closures that always throw, with the diagnostic to report if nothing catches them. */
const failing = new WeakMap<Expr, Diagnostic>();

export function isConstant(f: Expr): boolean {
  return constant.has(f);
}

export function failureOf(f: Expr): Diagnostic | undefined {
  return failing.get(f);
}

/** Mark `f` as a constant that always fails with `d`. */
export function markFailing(f: Expr, d: Diagnostic): Expr {
  constant.add(f);
  failing.set(f, d);
  return f;
}

/** Mark `f` as document-independent and return it. */
export function markConstant(f: Expr): Expr {
  constant.add(f);
  return f;
}

/** A closure returning `v`, marked constant. */
export function constantExpr(v: Value): Expr {
  return markConstant(() => v);
}

/**
 * A value that can be shared by every document: a scalar or a BSON value. Arrays and documents
 * are built fresh per document (later stages may extend them), so their closures stay.
 */
function shareable(v: Value): boolean {
  return v === null || typeof v !== 'object' || (!Array.isArray(v) && !isPlainObject(v));
}

/** `[1].$project.r.$divide` */
export function pathText(path: JsonPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/**
 * The stage holding `path`: the innermost `<index>, <$name>` pair that is not an expression
 * operator (stage paths are `[..., i, '$stage']`; operator arguments in arrays look the same).
 */
export function stageOf(path: JsonPath, isOperator: (name: string) => boolean): string | undefined {
  for (let i = path.length - 1; i > 0; i--) {
    const p = path[i];
    if (typeof p === 'string' && p.startsWith('$') && typeof path[i - 1] === 'number' && !isOperator(p)) return p;
  }
  return undefined;
}

/** A clock that notes being read: an operator that reads it is not constant. */
class WatchClock implements Clock {
  read = false;
  now(): number {
    this.read = true;
    return 0;
  }
}

/** The ASP411 diagnostic of a constant call of `name` at `path` failing with MongoDB's `reason`. */
export function constantFailure(reason: string, name: string, path: JsonPath, stage: string | undefined): Diagnostic {
  const where = stage ? `${stage} at ${pathText(path)}` : pathText(path) || name;
  const message = `${reason} (${name} has only constant arguments, so it fails for every document: ${where})`;
  return { code: 'ASP411', message, severity: 'error', path, data: { reason } };
}

/**
 * Evaluate `f`, the compiled call of operator `name` at `path` whose arguments are all
 * constant (`children` are their closures). Returns the closure to use: folded when the result
 * is shareable, marked constant either way, marked failing when MongoDB's evaluation throws
 * (with the innermost failing argument's diagnostic when it is the same error). Errors that are
 * not MongoDB's (a bug) and operators that read the clock are left to run per document.
 */
export function fold(f: Expr, name: string, path: JsonPath, slotCount: number, stage: string | undefined, children: readonly Expr[]): Expr {
  const clock = new WatchClock();
  const ctx: EvalCtx = { current: undefined, root: undefined, vars: new Array(slotCount), meta: undefined, clock, growth: newGrowth() };
  let v: Value;
  try {
    v = f(ctx);
  } catch (e) {
    if (!(e instanceof ExprError) || clock.read) return f;
    for (const c of children) {
      const d = failing.get(c);
      if (d && d.data?.['reason'] === e.message) return markFailing(f, d);
    }
    return markFailing(f, constantFailure(e.message, name, path, stage));
  }
  if (clock.read) return f;
  return shareable(v) ? constantExpr(v) : markConstant(f);
}
