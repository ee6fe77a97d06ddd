// https://www.mongodb.com/docs/manual/reference/operator/aggregation/strcasecmp/
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { coerceToString } from '../_shared/values';
import { asciiUpper } from './_case';

export const $strcasecmp: ExprOperator = {
  name: '$strcasecmp',
  category: 'string',
  summary: 'Case-insensitive (ASCII) comparison of two strings: -1, 0 or 1.',
  docsUrl: docsUrl('strcasecmp'),
  syntax: '{ $strcasecmp: [ <expression1>, <expression2> ] }',
  examples: [
    { doc: { q: 'ABC1' }, expr: { $strcasecmp: ['$q', 'abc1'] }, expected: 0 },
    { doc: { q: 'abc' }, expr: { $strcasecmp: ['$q', 'ABD'] }, expected: -1 },
    { doc: {}, expr: { $strcasecmp: ['$q', ''] }, expected: 0 },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$strcasecmp', 2);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    const b = args[1]!;
    return (ctx) => {
      const x = Buffer.from(asciiUpper(coerceToString(a(ctx))), 'utf8');
      const y = Buffer.from(asciiUpper(coerceToString(b(ctx))), 'utf8');
      const r = Buffer.compare(x, y);
      return r < 0 ? -1 : r > 0 ? 1 : 0;
    };
  },
};
