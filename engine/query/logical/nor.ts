// https://www.mongodb.com/docs/manual/reference/operator/query/nor/
import { anyOf } from '../path';
import type { QueryOperatorSpec } from '../types';
import { clauses, docs } from './_internal';

export const nor: QueryOperatorSpec = {
  name: '$nor',
  level: 'top',
  category: 'logical',
  summary: 'Matches documents that satisfy none of the filters in the array.',
  docsUrl: docs('$nor'),
  syntax: '{ $nor: [ { <filter1> }, { <filter2> }, ... ] }',
  examples: [{ filter: { $nor: [{ qty: { $lt: 10 } }, { sale: true }] }, doc: { qty: 50 }, matches: true }, { filter: { $nor: [{ qty: { $lt: 10 } }, { sale: true }] }, doc: { qty: 5 }, matches: false }],
  snippet: '[{ $1 }]',
  compileTop(arg, q, path) {
    const ps = clauses(arg, q, path);
    if (!ps) return undefined;
    const any = anyOf(ps);
    return (doc, ctx) => !any(doc, ctx);
  },
};
