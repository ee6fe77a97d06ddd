// https://www.mongodb.com/docs/manual/reference/operator/query/and/
import { allOf } from '../path';
import type { QueryOperatorSpec } from '../types';
import { clauses, docs } from './_internal';

export const and: QueryOperatorSpec = {
  name: '$and',
  level: 'top',
  category: 'logical',
  summary: 'Matches documents that satisfy every filter in the array.',
  docsUrl: docs('$and'),
  syntax: '{ $and: [ { <filter1> }, { <filter2> }, ... ] }',
  examples: [{ filter: { $and: [{ qty: { $gt: 10 } }, { qty: { $lt: 20 } }] }, doc: { qty: 15 }, matches: true }, { filter: { $and: [{ qty: { $gt: 10 } }, { qty: { $lt: 20 } }] }, doc: { qty: 25 }, matches: false }],
  snippet: '[{ $1 }]',
  compileTop(arg, q, path) {
    const ps = clauses(arg, q, path);
    return ps && allOf(ps);
  },
};
