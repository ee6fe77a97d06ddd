/**
 * $redact: prune or keep parts of a document by an expression evaluated at each level.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/redact/
 */
import type { Doc, Value } from '../core/types';
import { ExprError } from '../core/errors';
import { isPlainObject } from '../bson/types';
import type { EvalCtx, Expr } from '../expr/types';
import { toRelaxedJSON } from '../json/ejson';
import { perDocument } from './_perDocument';
import type { StageSpec } from '../parse/types';

function redactLevel(doc: Doc, expr: Expr, ctx: EvalCtx): Doc | undefined {
  ctx.current = doc;
  const r = expr(ctx);
  if (r === '$$PRUNE') return undefined;
  if (r === '$$KEEP') return doc;
  if (r !== '$$DESCEND') {
    throw new ExprError(`$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned ${r === undefined ? 'MISSING' : toRelaxedJSON({ r }).slice(5, -1)}`);
  }
  const out: Doc = {};
  for (const k in doc) {
    const v = redactValue(doc[k], expr, ctx);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function redactValue(v: Value, expr: Expr, ctx: EvalCtx): Value {
  if (isPlainObject(v)) return redactLevel(v, expr, ctx);
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const e of v) {
      // Only sub-documents inside arrays are re-evaluated; scalars are kept.
      const r = isPlainObject(e) ? redactLevel(e, expr, ctx) : Array.isArray(e) ? redactValue(e, expr, ctx) : e;
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  return v;
}

export const redact: StageSpec<Expr> = {
  name: '$redact',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'RedactOperator',
  summary: 'Restricts document content level by level with $$DESCEND, $$PRUNE or $$KEEP.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/redact/',
  syntax: '{ $redact: <expression resolving to $$DESCEND, $$PRUNE or $$KEEP> }',
  rootRole: 'expr',
  examples: [
    {
      title: 'Drop error events entirely',
      stage: { $redact: { $cond: { if: { $eq: ['$event_type', 1] }, then: '$$PRUNE', else: '$$KEEP' } } },
      input: [{ event_type: 1 }, { event_type: 0, obs: { watts: 3 } }],
      output: [{ event_type: 0, obs: { watts: 3 } }],
    },
  ],
  parse(arg, path, ctx) {
    return ctx.compiler.expr(arg, path);
  },
  create(expr, rt, next) {
    return perDocument('RedactOperator', rt, next, (doc, ctx) => redactLevel(doc, expr, ctx));
  },
};
