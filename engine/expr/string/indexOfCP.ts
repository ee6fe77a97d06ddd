// https://www.mongodb.com/docs/manual/reference/operator/aggregation/indexofcp/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { indexArg } from './_internal';
import { isNullish } from '../_shared/values';

export const $indexOfCP: ExprOperator = {
  name: '$indexOfCP',
  category: 'string',
  summary: 'Code point index of the first occurrence of a substring, or -1.',
  docsUrl: docsUrl('indexOfCP'),
  syntax: '{ $indexOfCP: [ <string>, <substring>, <start>, <end> ] }',
  examples: [
    { doc: { item: 'cafébar' }, expr: { $indexOfCP: ['$item', 'bar'] }, expected: 4 },
    { doc: { item: 'foo.bar' }, expr: { $indexOfCP: ['$item', 'o', 3] }, expected: -1 },
    { doc: { item: 5 }, expr: { $indexOfCP: ['$item', 'o'] }, error: '$indexOfCP requires a string as the first argument, found: int' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$indexOfCP', 2, 4);
    if (!args) return NULL_EXPR;
    const [sArg, tArg, startArg, endArg] = args;
    return (ctx) => {
      const s = sArg!(ctx);
      if (isNullish(s)) return null;
      if (typeof s !== 'string') throw new ExprError(`$indexOfCP requires a string as the first argument, found: ${typeName(s)}`);
      const t = tArg!(ctx);
      if (typeof t !== 'string') throw new ExprError(`$indexOfCP requires a string as the second argument, found: ${typeName(t)}`);
      const cps = Array.from(s);
      const tcps = Array.from(t);
      const start = startArg ? indexArg(startArg(ctx), '$indexOfCP', 'starting index') : 0;
      let end = cps.length;
      if (endArg) end = Math.min(end, indexArg(endArg(ctx), '$indexOfCP', 'ending index'));
      if (start === 0 && cps.length === 0 && tcps.length === 0) return 0;
      for (let i = start; i < end; i++) {
        let j = 0;
        while (j < tcps.length && i + j < cps.length && cps[i + j] === tcps[j]) j++;
        if (j === tcps.length) return i;
      }
      return -1;
    };
  },
};
