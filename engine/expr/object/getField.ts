// https://www.mongodb.com/docs/manual/reference/operator/aggregation/getfield/
import { isPlainObject } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { constantField } from './_internal';

export const $getField: ExprOperator = {
  name: '$getField',
  category: 'object',
  summary: 'Value of a field, including names with dots or a leading $ that field paths cannot reach.',
  docsUrl: docsUrl('getField'),
  syntax: '{ $getField: { field: <string>, input: <object> } }  or  { $getField: <string> }',
  snippet: "{ field: '${1:name}', input: ${2:\\$\\$CURRENT} }",
  examples: [
    { doc: { 'price.usd': 45 }, expr: { $getField: 'price.usd' }, expected: 45 },
    { doc: { o: { $x: 1 } }, expr: { $getField: { field: { $literal: '$x' }, input: '$o' } }, expected: 1 },
    { doc: { o: null }, expr: { $getField: { field: 'a', input: '$o' } }, expected: null },
  ],
  compile(arg, c, path) {
    let fieldSpec = arg;
    let input: Expr = (ctx) => ctx.current;
    if (isPlainObject(arg) && !Object.keys(arg).some((k) => k.startsWith('$'))) {
      const args = namedArgs(c, path, arg, '$getField', ['field', 'input'], ['field']);
      if (!args) return NULL_EXPR;
      fieldSpec = args['field'];
      if (args['input'] !== undefined) input = c.expr(args['input'], [...path, 'input']);
    }
    const field = constantField(c, isPlainObject(arg) ? [...path, 'field'] : path, '$getField', fieldSpec);
    if (field === null) return NULL_EXPR;
    return (ctx) => {
      const o = input(ctx);
      if (o === null) return null;
      return isPlainObject(o) ? o[field] : undefined;
    };
  },
};
