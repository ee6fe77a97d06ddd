// https://www.mongodb.com/docs/manual/reference/operator/query/or/
import { anyOf } from '../path';
import type { QueryOperatorSpec } from '../types';
import { clauses, docs } from './_internal';

export const or: QueryOperatorSpec = {
  name: '$or',
  level: 'top',
  category: 'logical',
  summary: 'Matches documents that satisfy at least one filter in the array.',
  docsUrl: docs('$or'),
  syntax: '{ $or: [ { <filter1> }, { <filter2> }, ... ] }',
  examples: [{ filter: { $or: [{ qty: { $lt: 10 } }, { sale: true }] }, doc: { qty: 50, sale: true }, matches: true }],
  snippet: '[{ $1 }]',
  compileTop(arg, q, path) {
    const ps = clauses(arg, q, path);
    return ps && anyOf(ps);
  },
};
