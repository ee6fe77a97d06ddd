/**
 * $bitAnd, $bitOr and $bitXor: fold int and long operands from the operator's identity
 * (evaluateBitwiseOp with SafeNum); an int result unless a long took part.
 */
import { Long } from 'bson';
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import type { Compiler, Expr } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { KIND_INT, KIND_LONG, bigOf, numKind } from '../_shared/numeric';
import { isNullish } from '../_shared/values';

export function compileBitwise(name: string, identity: number, op: (a: bigint, b: bigint) => bigint, arg: Value, c: Compiler, path: JsonPath): Expr {
  const args = compileArgs(c, path, arg, name, 0, Infinity);
  if (!args) return NULL_EXPR;
  const start = BigInt(identity);
  const f: Expr = (ctx) => {
    let r = start;
    let long = false;
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!(ctx);
      if (isNullish(v)) return null;
      const k = numKind(v);
      if (k !== KIND_INT && k !== KIND_LONG) throw new ExprError(`${name} only supports int and long operands.`, 'TypeMismatch');
      if (k === KIND_LONG) long = true;
      r = op(r, bigOf(v));
    }
    return long ? Long.fromBigInt(BigInt.asIntN(64, r)) : Number(BigInt.asIntN(32, r));
  };
  return f;
}
