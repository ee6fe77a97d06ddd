// https://www.mongodb.com/docs/manual/reference/operator/aggregation/add/
import { Long } from 'bson';
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { EvalCtx, Expr, ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { type Dec, decAdd, decFromNumber, fromDec, quantize, toDec } from '../_shared/decimal';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, KIND_DOUBLE, KIND_INT, KIND_LONG, add2, bigOf, double, intOrLong, numKind, toNumber } from '../_shared/numeric';
import { isNullish } from '../_shared/values';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_63 = 9223372036854775808;

function dateOverflow(): ExprError {
  return new ExprError('date overflow', 'Overflow');
}

/** C llround: to the nearest integer, halves away from zero. */
function llround(d: number): number {
  return d < 0 ? -Math.round(-d) : Math.round(d);
}

/**
 * MongoDB's AddState: one running total per type, widened as operands arrive (int -> long ->
 * double -> decimal; long overflow -> double). Once a date is seen the total is milliseconds:
 * the sum so far is rounded to a long once, then every later operand on its own (a double with
 * llround, a decimal half-to-even).
 */
class AddState {
  kind = KIND_INT;
  long = 0n;
  dbl = 0;
  dec: Dec | null = { c: 0n, e: 0 };
  /** A NaN or infinite operand met the decimal total: the result is that special value. */
  decSpecial: number | undefined;
  isDate = false;

  add(v: Value): void {
    if (v instanceof Date) {
      if (this.isDate) throw new ExprError('only one date allowed in an $add expression');
      const before = this.value();
      this.long = 0n;
      this.addToDate(before);
      this.isDate = true;
      this.addToDate(v.getTime());
      return;
    }
    const k = numKind(v);
    if (this.isDate) {
      this.addToDate(v);
      return;
    }
    if (k > this.kind) {
      if (k === KIND_DOUBLE) this.dbl = Number(this.long);
      else if (k === KIND_DECIMAL) this.dec = this.kind === KIND_DOUBLE ? toDec(this.dbl) : { c: this.long, e: 0 };
      this.kind = k;
    }
    switch (this.kind) {
      case KIND_INT:
      case KIND_LONG: {
        const r = this.long + bigOf(v);
        if (r < INT64_MIN || r > INT64_MAX) {
          this.kind = KIND_DOUBLE;
          this.dbl = Number(this.long) + toNumber(v);
        } else this.long = r;
        break;
      }
      case KIND_DOUBLE:
        this.dbl += toNumber(v);
        break;
      default: {
        const d = toDec(v);
        if (d === null || this.dec === null) {
          this.decSpecial = (this.decSpecial ?? 0) + toNumber(v);
          this.dec = null;
        } else this.dec = decAdd(this.dec, d);
      }
    }
  }

  private addToDate(v: Value): void {
    let n: bigint;
    switch (numKind(v)) {
      case KIND_INT:
      case KIND_LONG:
        n = bigOf(v);
        break;
      case KIND_DOUBLE: {
        const d = toNumber(v);
        if (!(d >= -TWO_63 && d < TWO_63)) throw dateOverflow();
        n = BigInt(llround(d));
        break;
      }
      default: {
        const d = toDec(v);
        if (d === null) throw dateOverflow();
        const q = quantize(d, 0, 'halfEven');
        n = q.c;
      }
    }
    const r = this.long + n;
    if (r < INT64_MIN || r > INT64_MAX) throw dateOverflow();
    this.long = r;
  }

  value(): Value {
    if (this.isDate) return new Date(Number(this.long));
    switch (this.kind) {
      case KIND_INT:
        return Number.isSafeInteger(Number(this.long)) ? intOrLong(Number(this.long)) : Long.fromBigInt(this.long);
      case KIND_LONG:
        return Long.fromBigInt(this.long);
      case KIND_DOUBLE:
        return double(this.dbl);
      default:
        return this.dec === null ? decFromNumber(this.decSpecial!) : fromDec(this.dec);
    }
  }
}

/** The general case: any count, numbers of any width and at most one date. */
function addAll(args: Expr[], ctx: EvalCtx, first?: Value, second?: Value): Value {
  const state = new AddState();
  for (let i = 0; i < args.length; i++) {
    const v = i === 0 && first !== undefined ? first : i === 1 && second !== undefined ? second : args[i]!(ctx);
    if (isNullish(v)) return null;
    if (!(v instanceof Date) && numKind(v) < 0) throw new ExprError(`$add only supports numeric or date types, not ${typeName(v)}`);
    state.add(v);
  }
  return state.value();
}

export const $add: ExprOperator = {
  name: '$add',
  category: 'arithmetic',
  summary: 'Adds numbers, or adds milliseconds to one date.',
  docsUrl: docsUrl('add'),
  syntax: '{ $add: [ <number|date>, <number>, ... ] }',
  examples: [
    { doc: { price: 10, fee: 2 }, expr: { $add: ['$price', '$fee'] }, expected: 12 },
    { doc: { at: new Date('2024-01-01T00:00:00Z') }, expr: { $add: ['$at', 60000] }, expected: new Date('2024-01-01T00:01:00Z') },
    { doc: { price: 'ten' }, expr: { $add: ['$price', 1] }, error: '$add only supports numeric or date types, not string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$add', 0, Infinity);
    if (!args) return NULL_EXPR;
    if (args.length === 2) {
      const a = args[0]!;
      const b = args[1]!;
      return (ctx) => {
        const x = a(ctx);
        const y = b(ctx);
        if (typeof x === 'number' && typeof y === 'number') return add2(x, y);
        return addAll(args, ctx, x === undefined ? null : x, y === undefined ? null : y);
      };
    }
    return (ctx) => addAll(args, ctx);
  },
};
