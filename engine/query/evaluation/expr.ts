// https://www.mongodb.com/docs/manual/reference/operator/query/expr/
import type { Value } from '../../core/types';
import { isNumber, toNumber } from '../../bson/types';
import type { QueryOperatorSpec } from '../types';
import { BSON_UNDEFINED } from '../../bson/undefined';

/** Aggregation truthiness: false, null, missing and numeric zero are false. */
function truthy(v: Value): boolean {
  if (v === true) return true;
  if (v === false || v === null || v === undefined || v === BSON_UNDEFINED) return false;
  if (typeof v === 'number') return v !== 0;
  if (isNumber(v)) return toNumber(v) !== 0;
  return true;
}

export const expr: QueryOperatorSpec = {
  name: '$expr',
  level: 'top',
  category: 'evaluation',
  summary: 'Matches documents for which the aggregation expression is truthy (not false, null, 0 or missing).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/expr/',
  syntax: '{ $expr: { <expression> } }',
  examples: [{ filter: { $expr: { $gt: ['$spent', '$budget'] } }, doc: { spent: 450, budget: 400 }, matches: true }],
  snippet: '{ ${1:\\$eq}: [${2:"\\$field"}, ${3:value}] }',
  compileTop(arg, q, path) {
    const e = q.c.expr(arg, path);
    return (doc, ctx) => {
      ctx.current = doc;
      ctx.root = doc;
      return truthy(e(ctx));
    };
  },
};
