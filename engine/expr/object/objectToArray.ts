// https://www.mongodb.com/docs/manual/reference/operator/aggregation/objecttoarray/
import { ExprError } from '../../core/errors';
import { isPlainObject, typeName } from '../../bson/types';
import type { ExprOperator } from '../types';
import { NULL_EXPR, compileArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { isNullish } from '../_shared/values';

export const $objectToArray: ExprOperator = {
  name: '$objectToArray',
  category: 'object',
  summary: 'Converts an object into an array of { k, v } pairs.',
  docsUrl: docsUrl('objectToArray'),
  syntax: '{ $objectToArray: <object> }',
  examples: [
    { doc: { dims: { l: 25, w: 10 } }, expr: { $objectToArray: '$dims' }, expected: [{ k: 'l', v: 25 }, { k: 'w', v: 10 }] },
    { doc: {}, expr: { $objectToArray: '$dims' }, expected: null },
    { doc: { dims: [1] }, expr: { $objectToArray: '$dims' }, error: '$objectToArray requires a document input, found: array' },
  ],
  compile(arg, c, path) {
    const args = compileArgs(c, path, arg, '$objectToArray', 1);
    if (!args) return NULL_EXPR;
    const a = args[0]!;
    return (ctx) => {
      const v = a(ctx);
      if (isNullish(v)) return null;
      if (!isPlainObject(v)) throw new ExprError(`$objectToArray requires a document input, found: ${typeName(v)}`);
      return Object.keys(v).filter((k) => v[k] !== undefined).map((k) => ({ k, v: v[k] }));
    };
  },
};
