// https://www.mongodb.com/docs/manual/reference/operator/aggregation/indexofbytes/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { indexArg } from './_internal';
import { isNullish } from '../_shared/values';

export const $indexOfBytes: ExprOperator = {
  name: '$indexOfBytes',
  category: 'string',
  summary: 'UTF-8 byte index of the first occurrence of a substring, or -1.',
  docsUrl: docsUrl('indexOfBytes'),
  syntax: '{ $indexOfBytes: [ <string>, <substring>, <start>, <end> ] }',
  examples: [
    { doc: { item: 'foo.bar' }, expr: { $indexOfBytes: ['$item', 'bar'] }, expected: 4 },
    { doc: { item: 'cafébar' }, expr: { $indexOfBytes: ['$item', 'bar'] }, expected: 5 },
    { doc: {}, expr: { $indexOfBytes: ['$item', 'bar'] }, expected: null },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$indexOfBytes', 2, 4);
    if (!args) return NULL_EXPR;
    const [sArg, tArg, startArg, endArg] = args;
    return (ctx) => {
      const s = sArg!(ctx);
      if (isNullish(s)) return null;
      if (typeof s !== 'string') throw new ExprError(`$indexOfBytes requires a string as the first argument, found: ${typeName(s)}`);
      const t = tArg!(ctx);
      if (typeof t !== 'string') throw new ExprError(`$indexOfBytes requires a string as the second argument, found: ${typeName(t)}`);
      const input = Buffer.from(s, 'utf8');
      const start = startArg ? indexArg(startArg(ctx), '$indexOfBytes', 'starting index') : 0;
      let end = input.length;
      if (endArg) end = Math.min(end, indexArg(endArg(ctx), '$indexOfBytes', 'ending index'));
      if (start > input.length || end < start) return -1;
      const pos = input.subarray(0, end).indexOf(Buffer.from(t, 'utf8'), start);
      return pos;
    };
  },
};
