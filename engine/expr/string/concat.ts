// https://www.mongodb.com/docs/manual/reference/operator/aggregation/concat/
import { checkStringUnits, grownString } from '../_shared/memory';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $concat: ExprOperator = {
  name: '$concat',
  category: 'string',
  summary: 'Joins strings; null if any argument is null or missing.',
  docsUrl: docsUrl('concat'),
  syntax: '{ $concat: [ <string>, <string>, ... ] }',
  examples: [
    { doc: { item: 'abc', desc: 'product' }, expr: { $concat: ['$item', ' - ', '$desc'] }, expected: 'abc - product' },
    { doc: { item: 'abc' }, expr: { $concat: ['$item', '$desc'] }, expected: null },
    { doc: { n: 5 }, expr: { $concat: ['x', '$n'] }, error: '$concat only supports strings, not int' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$concat', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      let out = '';
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!(ctx);
        if (typeof v === 'string') {
          checkStringUnits(out.length + v.length);
          out += v;
        }
        else if (isNullish(v)) return null;
        else throw new ExprError(`$concat only supports strings, not ${typeName(v)}`);
      }
      return grownString(ctx, out, '$concat');
    };
  },
};
