// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sortarray/
import { ExprError } from '../../core/errors';
import { typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { sortByComparator } from './_sortBy';
import { isNullish } from '../_shared/values';

export const $sortArray: ExprOperator = {
  name: '$sortArray',
  category: 'array',
  summary: 'Sorts an array by value (sortBy: 1 or -1) or by document fields (sortBy: {field: 1}).',
  docsUrl: docsUrl('sortArray'),
  syntax: '{ $sortArray: { input: <array>, sortBy: <1 | -1 | { field: 1 | -1, ... }> } }',
  snippet: '{ input: ${1:\\$items}, sortBy: ${2:1} }',
  examples: [
    { doc: { a: [3, 1, 2] }, expr: { $sortArray: { input: '$a', sortBy: -1 } }, expected: [3, 2, 1] },
    { doc: { t: [{ n: 'b', age: 30 }, { n: 'a', age: 20 }] }, expr: { $sortArray: { input: '$t', sortBy: { age: 1 } } }, expected: [{ n: 'a', age: 20 }, { n: 'b', age: 30 }] },
    { doc: { a: 'x' }, expr: { $sortArray: { input: '$a', sortBy: 1 } }, error: 'The input argument to $sortArray must be an array, but was of type: string' },
  ],
  compile(arg, c, path) {
    const args = namedArgs(c, path, arg, '$sortArray', ['input', 'sortBy'], ['input', 'sortBy']);
    if (!args) return NULL_EXPR;
    const cmp = sortByComparator(args['sortBy']);
    if (typeof cmp === 'string') return c.error([...path, 'sortBy'], cmp, 'ASP411');
    const input = c.expr(args['input'], [...path, 'input']);
    return (ctx) => {
      const arr = input(ctx);
      if (isNullish(arr)) return null;
      if (!Array.isArray(arr)) throw new ExprError(`The input argument to $sortArray must be an array, but was of type: ${typeName(arr)}`);
      return arr.slice().sort(cmp);
    };
  },
};
