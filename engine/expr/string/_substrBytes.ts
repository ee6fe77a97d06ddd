/** $substrBytes (and its old alias $substr): a byte range of the UTF-8 encoding. */
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { coerceToString } from '../_shared/values';
import { isContinuationByte } from './_internal';

function isPlainNumeric(v: Value): boolean {
  const t = typeName(v);
  return t === 'int' || t === 'long' || t === 'double';
}

function asInt(v: Value): number {
  return Math.trunc(Number(typeof v === 'object' ? String(v) : v));
}

export function compileSubstrBytes(name: string, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = compileArgs(c, path, arg, name, 3);
  if (!args) return NULL_EXPR;
  const [sArg, startArg, lenArg] = args as [Expr, Expr, Expr];
  // The server reports errors under the canonical name even when called as $substr.
  const op = '$substrBytes';
  return (ctx) => {
    const s = coerceToString(sArg(ctx));
    const start = startArg(ctx);
    const len = lenArg(ctx);
    if (!isPlainNumeric(start)) throw new ExprError(`${op}:  starting index must be a numeric type (is BSON type ${typeName(start)})`);
    if (!isPlainNumeric(len)) throw new ExprError(`${op}:  length must be a numeric type (is BSON type ${typeName(len)})`);
    const lower = asInt(start);
    if (lower < 0) throw new ExprError(`${op}:  starting index must be non-negative (got: ${lower})`);
    const bytes = Buffer.from(s, 'utf8');
    const n = asInt(len);
    const length = n < 0 ? bytes.length : n;
    if (lower < bytes.length && isContinuationByte(bytes[lower])) throw new ExprError(`${op}:  Invalid range, starting index is a UTF-8 continuation byte.`);
    if (lower + length < bytes.length && isContinuationByte(bytes[lower + length])) throw new ExprError(`${op}:  Invalid range, ending index is in the middle of a UTF-8 character.`);
    if (lower >= bytes.length) return '';
    return bytes.subarray(lower, Math.min(bytes.length, lower + length)).toString('utf8');
  };
}
