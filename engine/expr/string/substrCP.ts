// https://www.mongodb.com/docs/manual/reference/operator/aggregation/substrcp/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isIntegral, numKind, toNumber } from '../_shared/numeric';
import { coerceToString, repr } from '../_shared/values';

export const $substrCP: ExprOperator = {
  name: '$substrCP',
  category: 'string',
  summary: 'Substring by code point index and code point count.',
  docsUrl: docsUrl('substrCP'),
  syntax: '{ $substrCP: [ <string>, <code point index>, <code point count> ] }',
  examples: [
    { doc: { q: 'caféteria' }, expr: { $substrCP: ['$q', 0, 4] }, expected: 'café' },
    { doc: { q: 'abc' }, expr: { $substrCP: ['$q', 1, 10] }, expected: 'bc' },
    { doc: { q: 'abc' }, expr: { $substrCP: ['$q', 0, -1] }, error: '$substrCP: length must be a nonnegative integer.' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$substrCP', 3);
    if (!args) return NULL_EXPR;
    const [sArg, startArg, lenArg] = args;
    return (ctx) => {
      const s = coerceToString(sArg!(ctx));
      const start = startArg!(ctx);
      const len = lenArg!(ctx);
      if (numKind(start) < 0) throw new ExprError(`$substrCP: starting index must be a numeric type (is BSON type ${typeName(start)})`);
      if (!isIntegral(start)) throw new ExprError(`$substrCP: starting index cannot be represented as a 32-bit integral value: ${repr(start)}`);
      if (numKind(len) < 0) throw new ExprError(`$substrCP: length must be a numeric type (is BSON type ${typeName(len)})`);
      if (!isIntegral(len)) throw new ExprError(`$substrCP: length cannot be represented as a 32-bit integral value: ${repr(len)}`);
      const from = toNumber(start);
      const n = toNumber(len);
      if (n < 0) throw new ExprError('$substrCP: length must be a nonnegative integer.');
      if (from < 0) throw new ExprError('$substrCP: the starting index must be nonnegative integer.');
      return Array.from(s).slice(from, from + n).join('');
    };
  },
};
