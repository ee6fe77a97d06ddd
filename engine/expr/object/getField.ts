// https://www.mongodb.com/docs/manual/reference/operator/aggregation/getfield/
import type { JsonPath, Value } from '../../core/types';
import { ExprError } from '../../core/errors';
import { isPlainObject } from '../../bson/types';
import type { Expr, ExprOperator } from '../types';
import { NULL_EXPR, namedArgs } from '../_shared/args';
import { docsUrl } from '../_shared/docs';
import { fieldTypeMessage, literalField } from './_internal';

export const $getField: ExprOperator = {
  name: '$getField',
  category: 'object',
  summary: 'Value of a field, including names with dots or a leading $ that field paths cannot reach.',
  docsUrl: docsUrl('getField'),
  syntax: '{ $getField: { field: <string expression>, input: <object> } }  or  { $getField: <string expression> }',
  snippet: "{ field: '${1:name}', input: ${2:\\$\\$CURRENT} }",
  examples: [
    { doc: { 'price.usd': 45 }, expr: { $getField: 'price.usd' }, expected: 45 },
    { doc: { o: { $x: 1 } }, expr: { $getField: { field: { $literal: '$x' }, input: '$o' } }, expected: 1 },
    { doc: { o: null }, expr: { $getField: { field: 'a', input: '$o' } }, expected: null },
  ],
  compile(arg, c, path) {
    let fieldSpec = arg;
    let fieldPath: JsonPath = path;
    let input: Expr = (ctx) => ctx.current;
    if (isPlainObject(arg) && !Object.keys(arg).some((k) => k.startsWith('$'))) {
      const args = namedArgs(c, path, arg, '$getField', ['field', 'input'], ['field']);
      if (!args) return NULL_EXPR;
      fieldSpec = args['field'];
      fieldPath = [...path, 'field'];
      if (args['input'] !== undefined) input = c.expr(args['input'], [...path, 'input']);
    }
    const read = (o: Value, field: string): Value => {
      if (o === null) return null;
      return isPlainObject(o) ? o[field] : undefined;
    };
    const lit = literalField(fieldSpec);
    if (lit !== undefined) {
      const field = lit.value;
      if (typeof field !== 'string') return c.error(fieldPath, fieldTypeMessage('$getField', field), 'ASP411');
      return (ctx) => read(input(ctx), field);
    }
    // MongoDB 7.2+ (SERVER-74371): any expression that evaluates to a string names the field.
    const fieldExpr = c.expr(fieldSpec, fieldPath);
    return (ctx) => {
      const field = fieldExpr(ctx);
      if (typeof field !== 'string') throw new ExprError(fieldTypeMessage('$getField', field));
      return read(input(ctx), field);
    };
  },
};
