/** Decimal-exact rounding shared by $round, $trunc, $ceil and $floor. */
import { Decimal128, Long } from 'bson';
import type { Value } from '../../core/types';
import { type RoundMode, decToNumber, fromDec, parseDec, quantize, toDec } from '../_shared/decimal';
import { KIND_DECIMAL, KIND_LONG, longResult, numKind, toNumber } from '../_shared/numeric';

/**
 * Round `v` to `place` decimal places (negative: to tens, hundreds, ...). Doubles go through
 * their 34-digit decimal expansion first, as MongoDB does, so 2.5 rounds half-even to 2.
 */
export function roundTo(v: Value, place: number, mode: RoundMode): Value {
  const k = numKind(v);
  if (k === KIND_DECIMAL) {
    const d = parseDec((v as Decimal128).toString());
    if (!d) return v;
    return fromDec(quantize(d, -place, mode));
  }
  if (k === KIND_LONG) {
    if (place >= 0) return v;
    const q = quantize({ c: (v as Long).toBigInt(), e: 0 }, -place, mode);
    return longResult(q.c * 10n ** BigInt(q.e));
  }
  const n = toNumber(v);
  if (!Number.isFinite(n)) return n;
  if (Number.isInteger(n) && place >= 0) return n;
  const d = Number.isSafeInteger(n) ? toDec(n)! : parseDec(n.toPrecision(34))!;
  const r = decToNumber(quantize(d, -place, mode));
  return r === 0 ? 0 : r;
}
