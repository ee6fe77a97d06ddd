// https://www.mongodb.com/docs/manual/reference/operator/aggregation/log/
import { Double } from 'bson';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { decFromNumber } from '../_shared/decimal';
import { docsUrl } from '../_shared/docs';
import { KIND_DECIMAL, double, numKind, toNumber } from '../_shared/numeric';
import { fmtNum } from './_internal';
import { isNullish } from '../_shared/values';

export const $log: ExprOperator = {
  name: '$log',
  category: 'arithmetic',
  summary: 'Logarithm of a number in the given base.',
  docsUrl: docsUrl('log'),
  syntax: '{ $log: [ <number>, <base> ] }',
  examples: [
    { doc: { x: 8 }, expr: { $log: ['$x', 2] }, expected: new Double(3) },
    { doc: { x: 8 }, expr: { $log: ['$x', 1] }, error: "$log's base must be a positive number not equal to 1, but is 1" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$log', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = a(ctx);
      const base = b(ctx);
      if (isNullish(x) || isNullish(base)) return null;
      if (numKind(x) < 0) throw new ExprError(`$log's argument must be numeric, not ${typeName(x)}`);
      if (numKind(base) < 0) throw new ExprError(`$log's base must be numeric, not ${typeName(base)}`);
      const n = toNumber(x);
      const bn = toNumber(base);
      if (!(n > 0 || Number.isNaN(n))) throw new ExprError(`$log's argument must be a positive number, but is ${fmtNum(n)}`);
      if (!((bn > 0 && bn !== 1) || Number.isNaN(bn))) throw new ExprError(`$log's base must be a positive number not equal to 1, but is ${fmtNum(bn)}`);
      // Same IEEE computation as the server (log(x) / log(base)), so results match bit for bit.
      const out = Math.log(n) / Math.log(bn);
      return numKind(x) === KIND_DECIMAL || numKind(base) === KIND_DECIMAL ? decFromNumber(out) : double(out);
    };
  },
};
