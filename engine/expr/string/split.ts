// https://www.mongodb.com/docs/manual/reference/operator/aggregation/split/
import { grownArray } from '../_shared/memory';
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $split: ExprOperator = {
  name: '$split',
  category: 'string',
  summary: 'Splits a string on a delimiter into an array of substrings.',
  docsUrl: docsUrl('split'),
  syntax: '{ $split: [ <string>, <delimiter> ] }',
  examples: [
    { doc: { city: 'Hanoi, VN' }, expr: { $split: ['$city', ', '] }, expected: ['Hanoi', 'VN'] },
    { doc: { city: 'a--b--' }, expr: { $split: ['$city', '--'] }, expected: ['a', 'b', ''] },
    { doc: { city: 'ab' }, expr: { $split: ['$city', ''] }, error: '$split requires a non-empty separator' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$split', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const s = a(ctx);
      const sep = b(ctx);
      if (isNullish(s) || isNullish(sep)) return null;
      if (typeof s !== 'string') throw new ExprError(`$split requires an expression that evaluates to a string as a first argument, found: ${typeName(s)}`);
      if (typeof sep !== 'string') throw new ExprError(`$split requires an expression that evaluates to a string as a second argument, found: ${typeName(sep)}`);
      if (sep === '') throw new ExprError('$split requires a non-empty separator');
      return grownArray(ctx, s.split(sep), '$split');
    };
  },
};
