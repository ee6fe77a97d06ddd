// https://www.mongodb.com/docs/manual/reference/operator/aggregation/sortarray/
import type { Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { getPath } from '../fieldPath';
import { cmpValues } from '../_shared/values';

type Cmp = (a: Value, b: Value) => number;

/** `sortBy: 1 | -1` sorts whole values; `sortBy: {path: ±1, ...}` sorts documents by fields. */
function comparator(sortBy: Value): Cmp | string {
  if (sortBy === 1 || sortBy === -1) {
    const dir = sortBy;
    return (a, b) => dir * cmpValues(a, b);
  }
  if (!isPlainObject(sortBy) || Object.keys(sortBy).length === 0) return 'The $sortArray sortBy argument must be 1, -1 or a non-empty sort pattern object';
  const keys: [string[], number][] = [];
  for (const [k, d] of Object.entries(sortBy)) {
    if (d !== 1 && d !== -1) return 'The $sort element value must be either 1 or -1';
    keys.push([k.split('.'), d]);
  }
  // Sort keys see missing fields as null, as $sort does.
  const key = (v: Value, parts: string[]) => {
    const r = isPlainObject(v) ? getPath(v, parts) : undefined;
    return r === undefined ? null : r;
  };
  return (a, b) => {
    for (const [parts, d] of keys) {
      const r = cmpValues(key(a, parts), key(b, parts));
      if (r !== 0) return d * r;
    }
    return 0;
  };
}

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
    const cmp = comparator(args['sortBy']);
    if (typeof cmp === 'string') return c.error([...path, 'sortBy'], cmp, 'ASP411');
    const input = c.expr(args['input'], [...path, 'input']);
    return (ctx) => {
      const arr = input(ctx);
      if (arr === null || arr === undefined) return null;
      if (!Array.isArray(arr)) throw new ExprError(`The input argument to $sortArray must be an array, but was of type: ${typeName(arr)}`);
      return arr.slice().sort(cmp);
    };
  },
};
