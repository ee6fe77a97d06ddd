// https://www.mongodb.com/docs/manual/reference/operator/aggregation/add/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { EvalCtx, Expr, ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { add2, numKind, toNumber } from '../_shared/numeric';

/** The general case: any count, numbers of any width and at most one date. */
function addAll(args: Expr[], ctx: EvalCtx, first?: Value, second?: Value): Value {
  let total: Value = 0;
  let date = false;
  for (let i = 0; i < args.length; i++) {
    const v = i === 0 && first !== undefined ? first : i === 1 && second !== undefined ? second : args[i]!(ctx);
    if (v instanceof Date) {
      if (date) throw new ExprError('only one date allowed in an $add expression');
      date = true;
      total = add2(total, v.getTime());
    } else if (numKind(v) >= 0) {
      total = add2(total, v);
    } else {
      if (v === null || v === undefined) return null;
      throw new ExprError(`$add only supports numeric or date types, not ${typeName(v)}`);
    }
  }
  return date ? new Date(Math.round(toNumber(total))) : total;
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
        if (typeof x === 'number' && typeof y === 'number') return x + y;
        return addAll(args, ctx, x === undefined ? null : x, y === undefined ? null : y);
      };
    }
    return (ctx) => addAll(args, ctx);
  },
};
