/**
 * $replaceRoot: replace each document with the result of an expression ($replaceWith is the short form).
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceRoot/
 */
import type { Doc, JsonPath, Value } from '../core/types';
import { ExprError } from '../core/errors';
import { isPlainObject, typeName } from '../bson/types';
import type { Expr } from '../expr/types';
import { toRelaxedJSON } from '../json/ejson';
import { err } from '../parse/args';
import { exprShape } from '../parse/exprShape';
import { obj, type Shape } from '../parse/shape';
import { perDocument } from './_perDocument';
import type { Operator, Emit } from '../core/operator';
import type { ParseContext, StageSpec } from '../parse/types';
import type { StageRuntime } from '../io/types';

/** The operator both stages share; `what` names the expression in the error text. */
export function replaceOperator(expr: Expr, what: string, rt: StageRuntime, next: Emit): Operator {
  return perDocument('ReplaceRootOperator', rt, next, (doc, ctx) => {
    const v: Value = expr(ctx);
    if (!isPlainObject(v)) {
      throw new ExprError(`${what} must evaluate to an object, but resulting value was: ${show(v)}. Type of resulting value: '${typeName(v)}'. Input document: ${toRelaxedJSON(doc)}`);
    }
    return v as Doc;
  });
}

function show(v: Value): string {
  if (v === undefined) return 'MISSING';
  return toRelaxedJSON({ v }).slice(5, -1);
}

/** The shape of a replacement root: the expression's, when it is a document. */
export function newRootShape(input: Shape, expr: Value): Shape {
  const s = exprShape(expr, input);
  return s.t === 'object' ? s : obj({}, true);
}

export function parseNewRoot(arg: Value, path: JsonPath, ctx: ParseContext): Expr | undefined {
  if (typeof arg !== 'string' && !isPlainObject(arg)) {
    err(ctx, path, `'newRoot' expression must be a field path or an expression object`, 'ASP311');
    return undefined;
  }
  return ctx.compiler.expr(arg, path);
}

export const replaceRoot: StageSpec<Expr> = {
  name: '$replaceRoot',
  kind: 'transform',
  placement: { main: true, window: true, payload: true },
  operatorName: 'ReplaceRootOperator',
  summary: 'Replaces each document with the document an expression evaluates to.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceRoot/',
  syntax: '{ $replaceRoot: { newRoot: <expression> } }',
  fields: [
    {
      name: 'newRoot', role: 'expr', type: ['string', 'object'], required: true, description: 'An expression that evaluates to the replacement document',
      messages: { missing: 'no newRoot specified for the $replaceRoot stage', wrongType: "'newRoot' expression must be a field path or an expression object", wrongTypeCode: 'ASP311' },
    },
  ],
  examples: [
    {
      title: 'Promote the reading',
      stage: { $replaceRoot: { newRoot: '$obs' } },
      input: [{ device_id: 'device_1', obs: { watts: 250, temp: 20 } }],
      output: [{ watts: 250, temp: 20 }],
    },
  ],
  parse(arg, path, ctx) {
    const root = isPlainObject(arg) ? arg['newRoot'] : undefined;
    return typeof root === 'string' || isPlainObject(root) ? ctx.compiler.expr(root, [...path, 'newRoot']) : undefined;
  },
  outputShape: (input, arg) => newRootShape(input, isPlainObject(arg) ? arg['newRoot'] : undefined),
  create(expr, rt, next) {
    return replaceOperator(expr, "'newRoot' expression", rt, next);
  },
};
