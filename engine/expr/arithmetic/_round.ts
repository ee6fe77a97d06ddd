/** Decimal-exact rounding shared by $round, $trunc, $ceil and $floor. */
import { Decimal128, Long } from 'bson';
import type { Value } from '../../core/types';
import { type RoundMode, decToNumber, fromDec, parseDec, quantize, toDec } from '../_shared/decimal';
import { KIND_DECIMAL, KIND_INT, KIND_LONG, bigOf, double, numKind, toNumber } from '../_shared/numeric';
import { ExprError } from '../../core/errors';

/**
 * Round `v` to `place` decimal places (negative: to tens, hundreds, ...), as
 * evaluateRoundOrTrunc does: a double goes through its 34-digit decimal expansion (so 2.5
 * rounds half-even to 2) and stays a double; an int or long is only touched by a negative
 * place, and an int that no longer fits becomes a long; a decimal is quantized.
 */
export function roundTo(v: Value, place: number, mode: RoundMode, name = '$round'): Value {
  const k = numKind(v);
  if (k === KIND_DECIMAL) {
    const d = parseDec((v as Decimal128).toString());
    if (!d) return v;
    return fromDec(quantize(d, -place, mode));
  }
  if (k === KIND_LONG || k === KIND_INT) {
    if (place >= 0) return v;
    const b = bigOf(v);
    const q = quantize({ c: b, e: 0 }, -place, mode);
    const r = q.c * 10n ** BigInt(q.e);
    if (r < -(2n ** 63n) || r >= 2n ** 63n) throw new ExprError(`invalid conversion from Decimal128 result in ${name} resulting from arguments: [${b}, ${place}]`);
    if (k === KIND_INT && r >= -2147483648n && r <= 2147483647n) return Number(r);
    return Long.fromBigInt(r);
  }
  const n = toNumber(v);
  if (!Number.isFinite(n)) return v;
  if (Number.isInteger(n) && place >= 0) return v;
  const d = Number.isSafeInteger(n) ? toDec(n)! : parseDec(n.toPrecision(34))!;
  const r = decToNumber(quantize(d, -place, mode));
  // A decimal zero keeps its sign, so -0.4 rounds to -0.0 like in the server.
  return double(r === 0 && n < 0 ? -0 : r);
}
