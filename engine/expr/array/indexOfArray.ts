// https://www.mongodb.com/docs/manual/reference/operator/aggregation/indexofarray/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { eqValues, isNullish } from '../_shared/values';
import { indexArg } from '../string/_internal';

export const $indexOfArray: ExprOperator = {
  name: '$indexOfArray',
  category: 'array',
  summary: 'Index of the first element equal to a value, or -1.',
  docsUrl: docsUrl('indexOfArray'),
  syntax: '{ $indexOfArray: [ <array>, <search value>, <start>, <end> ] }',
  examples: [
    { doc: { items: ['a', 'b', 'c', 'b'] }, expr: { $indexOfArray: ['$items', 'b'] }, expected: 1 },
    { doc: { items: ['a', 'b', 'c', 'b'] }, expr: { $indexOfArray: ['$items', 'b', 2] }, expected: 3 },
    { doc: {}, expr: { $indexOfArray: ['$items', 'b'] }, expected: null },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$indexOfArray', 2, 4);
    if (!args) return NULL_EXPR;
    const [arrArg, valArg, startArg, endArg] = args;
    return (ctx) => {
      const arr = arrArg!(ctx);
      if (isNullish(arr)) return null;
      if (!Array.isArray(arr)) throw new ExprError(`$indexOfArray requires an array as a first argument, found: ${typeName(arr)}`);
      const start = startArg ? indexArg(startArg(ctx), '$indexOfArray', 'starting index') : 0;
      let end = arr.length;
      if (endArg) end = Math.min(end, indexArg(endArg(ctx), '$indexOfArray', 'ending index'));
      const v = valArg!(ctx);
      for (let i = start; i < end; i++) if (eqValues(arr[i], v)) return i;
      return -1;
    };
  },
};
