/** Helpers private to the string operators: UTF-8 / code point indexing and index checks. */
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import { isIntegral, toNumber } from '../_shared/numeric';
import { repr } from '../_shared/values';

/** Number of Unicode code points (surrogate pairs count once). */
export function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Index checks of $indexOfBytes / $indexOfCP / $indexOfArray: integral and non-negative. */
export function indexArg(v: Value, op: string, what: string): number {
  if (!isIntegral(v)) throw new ExprError(`${op} requires an integral ${what}, found a value of type: ${typeName(v)}, with value: ${repr(v)}`);
  const n = toNumber(v);
  if (n < 0) throw new ExprError(`${op} requires a nonnegative ${what}, found: ${repr(v)}`);
  return n;
}

export function isContinuationByte(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}
