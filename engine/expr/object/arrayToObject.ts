// https://www.mongodb.com/docs/manual/reference/operator/aggregation/arraytoobject/
import type { Doc, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { repr, isNullish } from '../_shared/values';

/** The first element fixes the format ([k, v] pairs or {k, v} objects); later keys win. */
function toObject(arr: Value[]): Doc {
  const out: Doc = {};
  if (arr.length === 0) return out;
  const pairs = Array.isArray(arr[0]);
  if (!pairs && !isPlainObject(arr[0])) throw new ExprError(`Unrecognised input type format for $arrayToObject: ${typeName(arr[0])}`);
  for (const e of arr) {
    if (pairs) {
      if (!Array.isArray(e)) throw new ExprError(`$arrayToObject requires a consistent input format. Elements must all be arrays or all be objects. Array was detected, now found: ${typeName(e)}`);
      if (e.length !== 2) throw new ExprError(`$arrayToObject requires an array of size 2 arrays,found array of size: ${e.length}`);
      if (typeof e[0] !== 'string') throw new ExprError(`$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: ${typeName(e[0])}`);
      out[e[0]] = e[1];
    } else {
      if (!isPlainObject(e)) throw new ExprError(`$arrayToObject requires a consistent input format. Elements must all be arrays or all be objects. Object was detected, now found: ${typeName(e)}`);
      const n = Object.keys(e).length;
      if (n !== 2) throw new ExprError(`$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:${n}`);
      if (e['k'] === undefined || e['v'] === undefined) throw new ExprError(`$arrayToObject requires an object with keys 'k' and 'v'. Missing either or both keys from: ${repr(e)}`);
      if (typeof e['k'] !== 'string') throw new ExprError(`$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string. Found type: ${typeName(e['k'])}`);
      out[e['k']] = e['v'];
    }
  }
  return out;
}

export const $arrayToObject: ExprOperator = {
  name: '$arrayToObject',
  category: 'object',
  summary: 'Converts an array of [k, v] pairs or { k, v } objects into an object.',
  docsUrl: docsUrl('arrayToObject'),
  syntax: '{ $arrayToObject: <array> }',
  examples: [
    { doc: { d: [{ k: 'l', v: 25 }, { k: 'w', v: 10 }] }, expr: { $arrayToObject: '$d' }, expected: { l: 25, w: 10 } },
    { doc: { d: [['a', 1], ['a', 2]] }, expr: { $arrayToObject: '$d' }, expected: { a: 2 } },
    { doc: { d: 'x' }, expr: { $arrayToObject: '$d' }, error: '$arrayToObject requires an array input, found: string' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$arrayToObject', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (isNullish(v)) return null;
      if (!Array.isArray(v)) throw new ExprError(`$arrayToObject requires an array input, found: ${typeName(v)}`);
      return toObject(v);
    };
  },
};
