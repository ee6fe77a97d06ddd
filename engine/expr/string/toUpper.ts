// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toupper/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { coerceToString } from '../_shared/values';
import { asciiUpper } from './_case';

export const $toUpper: ExprOperator = {
  name: '$toUpper',
  category: 'string',
  summary: 'Uppercases the ASCII letters of a string; null and missing give "".',
  docsUrl: docsUrl('toUpper'),
  syntax: '{ $toUpper: <expression> }',
  examples: [
    { doc: { item: 'abc1' }, expr: { $toUpper: '$item' }, expected: 'ABC1' },
    { doc: { n: 12.5 }, expr: { $toUpper: '$n' }, expected: '12.5' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$toUpper', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => asciiUpper(coerceToString(a(ctx)));
  },
};
