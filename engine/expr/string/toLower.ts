// https://www.mongodb.com/docs/manual/reference/operator/aggregation/tolower/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { coerceToString } from '../_shared/values';
import { asciiLower } from './_case';

export const $toLower: ExprOperator = {
  name: '$toLower',
  category: 'string',
  summary: 'Lowercases the ASCII letters of a string; null and missing give "".',
  docsUrl: docsUrl('toLower'),
  syntax: '{ $toLower: <expression> }',
  examples: [
    { doc: { item: 'ABC1' }, expr: { $toLower: '$item' }, expected: 'abc1' },
    { doc: {}, expr: { $toLower: '$item' }, expected: '' },
    { doc: { item: [1] }, expr: { $toLower: '$item' }, error: "can't convert from BSON type array to String" },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$toLower', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => asciiLower(coerceToString(a(ctx)));
  },
};
