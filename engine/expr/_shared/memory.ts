/**
 * What the expressions of one document may build, so that no document can exhaust the engine.
 * MongoDB's own refusals are kept where it has them ($range, strings of 16 MB, $push and
 * $addToSet); on top of that every operator that makes something new (a string, an array)
 * charges its size to a per-document budget with `chargeGrowth`: a few arithmetic operations,
 * never a walk over the value. docs/architecture.md "Memory caps" explains the model.
 */
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { EvalCtx, Growth } from '../types';

/** BSONObjMaxUserSize: RCString::create refuses strings of this many bytes or more. */
export const MAX_STRING_BYTES = 16 * 1024 * 1024;
/** sizeof(Value): what MongoDB's approximate sizes charge per array element. */
export const VALUE_BYTES = 16;
/** internalQueryMaxRangeBytes, internalQueryMaxPushBytes, internalQueryMaxAddToSetBytes. */
export const MAX_RANGE_BYTES = 100 * 1024 * 1024;
export const MAX_ACCUMULATOR_BYTES = 100 * 1024 * 1024;
/**
 * Everything the expressions of one document may build. MongoDB has no such single number;
 * this one bounds the engine's heap (docs/parity.md).
 */
export const GROWTH_BUDGET_BYTES = 100 * 1024 * 1024;

export function newGrowth(): Growth {
  return { root: undefined, used: 0 };
}

export const EXCEEDED_MEMORY_LIMIT = 'ExceededMemoryLimit';

/**
 * Charge `bytes` that operator `op` built for the current document; throws MongoDB's
 * ExceededMemoryLimit (146) wording once the document is over budget.
 */
export function chargeGrowth(ctx: EvalCtx, bytes: number, op: string): void {
  const g = ctx.growth;
  if (g.root !== ctx.root) {
    g.root = ctx.root;
    g.used = 0;
  }
  g.used += bytes;
  if (g.used > GROWTH_BUDGET_BYTES) {
    const used = g.used;
    g.used -= bytes;
    throw new ExprError(`${op} needs too much memory. Needs: ${used} bytes. Local memory limit: ${GROWTH_BUDGET_BYTES} bytes.`, EXCEEDED_MEMORY_LIMIT);
  }
}

/** Give back a charge for something that became garbage (the previous $reduce accumulator). */
export function refundGrowth(ctx: EvalCtx, bytes: number): void {
  const g = ctx.growth;
  if (g.root === ctx.root) g.used = Math.max(0, g.used - bytes);
}

/** Bytes charged so far for the current document. */
export function growthMark(ctx: EvalCtx): number {
  const g = ctx.growth;
  if (g.root !== ctx.root) {
    g.root = ctx.root;
    g.used = 0;
  }
  return g.used;
}

/**
 * One step of an accumulation ($reduce): `next` replaced `prev`, so the charge `held` for the
 * previous accumulator is given back (it is garbage unless kept inside `next`); returns what
 * `next` holds now: its own size, at most what this step charged (a value taken from the
 * input was never charged). Without this, building an array element by element would be
 * charged quadratically.
 */
export function stepGrowth(ctx: EvalCtx, mark: number, held: number, prev: Value, next: Value): number {
  const charged = growthMark(ctx) - mark;
  if (held > 0 && next !== prev) refundGrowth(ctx, held);
  return charged > 0 ? Math.min(shallowBytes(next), charged) : 0;
}

/** The bytes a growth operator charges for a value it made: its own size, not its contents'. */
export function shallowBytes(v: Value): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.length * VALUE_BYTES;
  return VALUE_BYTES;
}

function stringTooLong(): ExprError {
  return new ExprError('Tried to create string longer than 16MB', 'Location16493');
}

/**
 * A string about to be built from `units` UTF-16 code units: every unit is at least one UTF-8
 * byte, so this many units can already be refused, before the (possibly huge) string exists.
 */
export function checkStringUnits(units: number): void {
  if (units >= MAX_STRING_BYTES) throw stringTooLong();
}

/** RCString::create: a string of 16 MB (UTF-8) or more is refused (code 16493). */
export function checkString(s: string): string {
  // Fewer than a third as many UTF-16 units as the limit fits whatever the characters are.
  if (s.length >= MAX_STRING_BYTES / 3 && Buffer.byteLength(s, 'utf8') >= MAX_STRING_BYTES) {
    throw stringTooLong();
  }
  return s;
}

/** A string an operator made: checked against 16 MB and charged. */
export function grownString(ctx: EvalCtx, s: string, op: string): string {
  checkString(s);
  chargeGrowth(ctx, s.length, op);
  return s;
}

/** An array an operator made: charged per element. */
export function grownArray<T>(ctx: EvalCtx, a: T[], op: string): T[] {
  chargeGrowth(ctx, a.length * VALUE_BYTES, op);
  return a;
}

/**
 * Value::getApproximateSize, loosely: 16 bytes per value plus string bytes, nested documents
 * and arrays included. A walk, so only for state that accumulates ($push, $addToSet), once per
 * added value.
 */
export function approxSize(v: Value): number {
  if (typeof v === 'string') return VALUE_BYTES + v.length;
  if (v === null || typeof v !== 'object') return VALUE_BYTES;
  if (Array.isArray(v)) {
    let n = VALUE_BYTES;
    for (let i = 0; i < v.length; i++) n += approxSize(v[i]);
    return n;
  }
  if ((v as { _bsontype?: string })._bsontype !== undefined || v instanceof Date) {
    const b = (v as { position?: number }).position;
    return VALUE_BYTES + (typeof b === 'number' ? b : 16);
  }
  let n = VALUE_BYTES;
  const o = v as Record<string, Value>;
  for (const k in o) n += k.length + approxSize(o[k]);
  return n;
}
