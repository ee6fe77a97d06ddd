/** Helpers private to the array operators. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, EvalCtx, Expr } from '../types';
import { NOT_CONSTANT, NULL_EXPR, checkVarName, constantOf, namedArgs } from '../_shared/args';
import { isIntegral, toNumber } from '../_shared/numeric';
import { repr, isNullish } from '../_shared/values';

/** MongoDB's Value::integral(): a number with no fractional part that fits in 32 bits. */
export function int32Of(v: Value): number | undefined {
  if (!isIntegral(v)) return undefined;
  const n = toNumber(v);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/**
 * Report a constant argument that would fail for every document (`check` returns MongoDB's
 * message for a bad value); null and missing constants are left alone (they give null).
 */
export function checkConstantArg(c: Compiler, path: JsonPath, spec: Value, check: (v: Value) => string | undefined): boolean {
  const v = constantOf(spec);
  if (v === NOT_CONSTANT || isNullish(v)) return true;
  const msg = check(v);
  if (msg === undefined) return true;
  c.error(path, msg, 'ASP411');
  return false;
}

/** `n` of $firstN/$lastN/$maxN/$minN: a positive integer. */
export function nArg(v: Value): number {
  if (!isIntegral(v)) throw new ExprError(`Value for 'n' must be of integral type, but found ${repr(v)}`);
  const n = toNumber(v);
  if (n <= 0) throw new ExprError(`'n' must be greater than 0, found: ${repr(v)}`);
  return n;
}

/** `{n, input}` operators: compile both, evaluate with null input giving null. */
export function compileNInput(name: string, arg: Value, c: Compiler, path: JsonPath, run: (input: Value[], n: number) => Value): Expr {
  const args = namedArgs(c, path, arg, name, ['n', 'input'], ['n', 'input']);
  if (!args) return NULL_EXPR;
  const nExpr = c.expr(args['n'], [...path, 'n']);
  const input = c.expr(args['input'], [...path, 'input']);
  return (ctx) => {
    const n = nArg(nExpr(ctx));
    const v = input(ctx);
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) throw new ExprError(`${name} requires 'input' to be an array, found: ${typeName(v)}`);
    return run(v, n);
  };
}

/** The element and index variables of $map/$filter while the body runs. */
export interface ElementVars {
  body: Expr;
  /** Bind element `v` at index `i`. */
  set(ctx: EvalCtx, v: Value, i: number): void;
  /** The current bindings, to give back with `restore` afterwards (re-entrancy). */
  save(ctx: EvalCtx): [Value, Value];
  restore(ctx: EvalCtx, saved: [Value, Value]): void;
}

/**
 * Compile the body (`in` / `cond`) of $map/$filter with `as` (default `this`) bound to the element
 * and `arrayIndexAs` (default `IDX`) to its index. `as: "CURRENT"` rebinds CURRENT itself, so
 * field paths in the body read the element.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/map/#std-label-map-arrayIndexAs
 */
export function withElementVars(c: Compiler, path: JsonPath, name: string, args: Record<string, Value>, bodyKey: string): ElementVars | null {
  const as = args['as'] === undefined ? 'this' : args['as'];
  if (!checkVarName(c, [...path, 'as'], as, true)) return null;
  const idxSpec = args['arrayIndexAs'];
  if (idxSpec !== undefined) {
    if (!checkVarName(c, [...path, 'arrayIndexAs'], idxSpec)) return null;
    if (idxSpec === as) {
      c.error([...path, 'arrayIndexAs'], `${name} cannot use the same variable name for 'as' and 'arrayIndexAs': ${as}`, 'ASP411');
      return null;
    }
  }
  const idxName = idxSpec === undefined ? 'IDX' : (idxSpec as string);
  const current = as === 'CURRENT';
  return c.withVars(current ? [idxName] : [as, idxName], (slots) => {
    const body = c.expr(args[bodyKey], [...path, bodyKey]);
    const idxSlot = slots[current ? 0 : 1]!;
    if (current) {
      return {
        body,
        set(ctx, v, i) {
          ctx.current = v;
          ctx.vars[idxSlot] = i;
        },
        save: (ctx) => [ctx.current, ctx.vars[idxSlot]],
        restore(ctx, saved) {
          ctx.current = saved[0];
          ctx.vars[idxSlot] = saved[1];
        },
      };
    }
    const elemSlot = slots[0]!;
    return {
      body,
      set(ctx, v, i) {
        ctx.vars[elemSlot] = v;
        ctx.vars[idxSlot] = i;
      },
      save: (ctx) => [ctx.vars[elemSlot], ctx.vars[idxSlot]],
      restore(ctx, saved) {
        ctx.vars[elemSlot] = saved[0];
        ctx.vars[idxSlot] = saved[1];
      },
    };
  });
}
