// https://www.mongodb.com/docs/manual/reference/operator/aggregation/in/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { eqValues } from '../_shared/values';

export const $in: ExprOperator = {
  name: '$in',
  category: 'array',
  summary: 'True when a value is an element of an array.',
  docsUrl: docsUrl('in'),
  syntax: '{ $in: [ <expression>, <array expression> ] }',
  examples: [
    { doc: { fruit: 'apple' }, expr: { $in: ['$fruit', ['apple', 'pear']] }, expected: true },
    { doc: { n: 2 }, expr: { $in: ['$n', [1, 3]] }, expected: false },
    { doc: { n: 2 }, expr: { $in: ['$n', '$list'] }, error: '$in requires an array as a second argument, found: missing' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$in', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const v = a(ctx);
      const arr = b(ctx);
      if (!Array.isArray(arr)) throw new ExprError(`$in requires an array as a second argument, found: ${typeName(arr)}`);
      for (let i = 0; i < arr.length; i++) if (eqValues(v, arr[i])) return true;
      return false;
    };
  },
};
