// https://www.mongodb.com/docs/manual/reference/operator/aggregation/mod/
import { Long } from 'bson';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Value } from '../../core/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { decFromNumber, fromDec, toDec } from '../_shared/decimal';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, KIND_DOUBLE, KIND_LONG, bigOf, double, isZero, numKind, toNumber } from '../_shared/numeric';
import { isNullish } from '../_shared/values';

/**
 * evaluateMod: decimal if either side is, else fmod when either is a double, else the
 * remainder of longs (a long) or of ints (an int); the sign follows the dividend.
 */
function mod(x: Value, y: Value): Value {
  const kx = numKind(x);
  const ky = numKind(y);
  if (kx === KIND_DECIMAL || ky === KIND_DECIMAL) {
    const a = toDec(x);
    const b = toDec(y);
    if (!a || !b) return decFromNumber(toNumber(x) % toNumber(y));
    const e = Math.min(a.e, b.e);
    const ca = a.c * 10n ** BigInt(a.e - e);
    const cb = b.c * 10n ** BigInt(b.e - e);
    return fromDec({ c: ca % cb, e });
  }
  if (kx === KIND_DOUBLE || ky === KIND_DOUBLE) return double(toNumber(x) % toNumber(y));
  // safeMod: LLONG_MIN % -1 is 0, not an overflow trap.
  const r = bigOf(x) % bigOf(y);
  if (kx === KIND_LONG || ky === KIND_LONG) return Long.fromBigInt(r);
  return Number(r);
}

export const $mod: ExprOperator = {
  name: '$mod',
  category: 'arithmetic',
  summary: 'Remainder of dividing the first number by the second.',
  docsUrl: docsUrl('mod'),
  syntax: '{ $mod: [ <dividend>, <divisor> ] }',
  examples: [
    { doc: { hours: 80, tasks: 7 }, expr: { $mod: ['$hours', '$tasks'] }, expected: 3 },
    { doc: { v: -5 }, expr: { $mod: ['$v', 3] }, expected: -2 },
    { doc: { v: 5 }, expr: { $mod: ['$v', 0] }, error: "can't $mod by zero" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$mod', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (numKind(x) >= 0 && numKind(y) >= 0) {
        if (isZero(y)) throw new ExprError("can't $mod by zero");
        return mod(x, y);
      }
      if (isNullish(x) || isNullish(y)) return null;
      throw new ExprError(`$mod only supports numeric types, not ${typeName(x)} and ${typeName(y)}`);
    };
  },
};
