// https://www.mongodb.com/docs/manual/reference/operator/aggregation/strlencp/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { cpLength } from './_internal';

export const $strLenCP: ExprOperator = {
  name: '$strLenCP',
  category: 'string',
  summary: 'Number of Unicode code points in a string.',
  docsUrl: docsUrl('strLenCP'),
  syntax: '{ $strLenCP: <string> }',
  examples: [
    { doc: { name: 'café' }, expr: { $strLenCP: '$name' }, expected: 4 },
    { doc: { name: null }, expr: { $strLenCP: '$name' }, error: '$strLenCP requires a string argument, found: null' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$strLenCP', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const s = a(ctx);
      if (typeof s !== 'string') throw new ExprError(`$strLenCP requires a string argument, found: ${typeName(s)}`);
      return cpLength(s);
    };
  },
};
