// https://www.mongodb.com/docs/manual/reference/operator/aggregation/size/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';

export const $size: ExprOperator = {
  name: '$size',
  category: 'array',
  summary: 'Number of elements in an array (an error for anything else, including null).',
  docsUrl: docsUrl('size'),
  syntax: '{ $size: <array> }',
  examples: [
    { doc: { colors: ['blue', 'red'] }, expr: { $size: '$colors' }, expected: 2 },
    { doc: {}, expr: { $size: '$colors' }, error: 'The argument to $size must be an array, but was of type: missing' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$size', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (!Array.isArray(v)) throw new ExprError(`The argument to $size must be an array, but was of type: ${typeName(v)}`);
      return v.length;
    };
  },
};
