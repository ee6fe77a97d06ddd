// https://www.mongodb.com/docs/manual/reference/operator/aggregation/multiply/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { EvalCtx, Expr, ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { mul2, numKind } from '../_shared/numeric';

function multiplyAll(args: Expr[], ctx: EvalCtx): Value {
  let product: Value = 1;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!(ctx);
    if (numKind(v) >= 0) product = mul2(product, v);
    else if (v === null || v === undefined) return null;
    else throw new ExprError(`$multiply only supports numeric types, not ${typeName(v)}`);
  }
  return product;
}

export const $multiply: ExprOperator = {
  name: '$multiply',
  category: 'arithmetic',
  summary: 'Multiplies numbers.',
  docsUrl: docsUrl('multiply'),
  syntax: '{ $multiply: [ <number>, <number>, ... ] }',
  examples: [
    { doc: { price: 10, qty: 3 }, expr: { $multiply: ['$price', '$qty'] }, expected: 30 },
    { doc: { price: 10 }, expr: { $multiply: ['$price', '$qty'] }, expected: null },
    { doc: { price: 10, qty: '3' }, expr: { $multiply: ['$price', '$qty'] }, error: '$multiply only supports numeric types, not string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$multiply', 0, Infinity);
    if (!args) return NULL_EXPR;
    if (args.length === 2) {
      const a = args[0]!;
      const b = args[1]!;
      return (ctx) => {
        const x = a(ctx);
        if (typeof x === 'number') {
          const y = b(ctx);
          if (typeof y === 'number') return x * y;
          if (numKind(y) >= 0) return mul2(x, y);
          if (y === null || y === undefined) return null;
          throw new ExprError(`$multiply only supports numeric types, not ${typeName(y)}`);
        }
        return multiplyAll(args, ctx);
      };
    }
    return (ctx) => multiplyAll(args, ctx);
  },
};
