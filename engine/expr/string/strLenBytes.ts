// https://www.mongodb.com/docs/manual/reference/operator/aggregation/strlenbytes/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';

export const $strLenBytes: ExprOperator = {
  name: '$strLenBytes',
  category: 'string',
  summary: 'Number of UTF-8 bytes in a string.',
  docsUrl: docsUrl('strLenBytes'),
  syntax: '{ $strLenBytes: <string> }',
  examples: [
    { doc: { name: 'abc' }, expr: { $strLenBytes: '$name' }, expected: 3 },
    { doc: { name: 'café' }, expr: { $strLenBytes: '$name' }, expected: 5 },
    { doc: {}, expr: { $strLenBytes: '$name' }, error: '$strLenBytes requires a string argument, found: missing' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$strLenBytes', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const s = a(ctx);
      if (typeof s !== 'string') throw new ExprError(`$strLenBytes requires a string argument, found: ${typeName(s)}`);
      return Buffer.byteLength(s, 'utf8');
    };
  },
};
