// https://www.mongodb.com/docs/manual/reference/operator/aggregation/mergeobjects/
import type { Doc } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { repr, isNullish } from '../_shared/values';

export const $mergeObjects: ExprOperator = {
  name: '$mergeObjects',
  category: 'object',
  summary: 'Combines objects; later fields overwrite earlier ones; null and missing are skipped.',
  docsUrl: docsUrl('mergeObjects'),
  syntax: '{ $mergeObjects: [ <object1>, <object2>, ... ] }',
  examples: [
    { doc: { a: { x: 1, y: 1 }, b: { y: 2 } }, expr: { $mergeObjects: ['$a', '$b'] }, expected: { x: 1, y: 2 } },
    { doc: { a: { x: 1 } }, expr: { $mergeObjects: ['$a', '$none', null] }, expected: { x: 1 } },
    { doc: { a: 1 }, expr: { $mergeObjects: ['$a'] }, error: '$mergeObjects requires object inputs, but input 1 is of type int' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$mergeObjects', 0, Infinity);
    if (!args) return NULL_EXPR;
    return (ctx) => {
      const out: Doc = {};
      for (const f of args) {
        const v = f(ctx);
        if (isNullish(v)) continue;
        if (!isPlainObject(v)) throw new ExprError(`$mergeObjects requires object inputs, but input ${repr(v)} is of type ${typeName(v)}`);
        for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = v[k];
      }
      return out;
    };
  },
};
