// https://www.mongodb.com/docs/manual/reference/operator/aggregation/mergeObjects/
import type { Doc, Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { unaryExpr } from './_internal';
import { isPlainObject, typeName } from '../bson/types';
import { ExprError } from '../core/errors';
import { BSON_UNDEFINED } from '../bson/undefined';

export const mergeObjects: AccumulatorSpec = {
  name: '$mergeObjects',
  summary: 'One document combining the documents in arrival order; later fields win, null and missing are ignored.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/mergeObjects/',
  syntax: '{ $mergeObjects: <document expression> }',
  examples: [
    { title: 'merge', input: [{ d: { a: 1, b: 1 } }, { d: null }, { d: { b: 2 } }], acc: { $mergeObjects: '$d' }, expected: { a: 1, b: 2 } },
  ],
  compile(arg, c, path) {
    const f = unaryExpr('$mergeObjects', arg, c, path);
    if (!f) return undefined;
    return {
      init: (): Doc => ({}),
      add(s: Doc, ctx) {
        const v = f(ctx);
        if (v === undefined || v === null || v === BSON_UNDEFINED) return s;
        if (!isPlainObject(v)) {
          throw new ExprError(`$mergeObjects requires object inputs, but input ${JSON.stringify(v)} is of type ${typeName(v)}`);
        }
        for (const k of Object.keys(v)) if (v[k] !== undefined) s[k] = v[k];
        return s;
      },
      result: (s: Doc) => ({ ...s }),
      snapshot: (s: Doc) => ({ ...s }),
      restore: (v: Value) => ({ ...(v as Doc) }),
    };
  },
};
