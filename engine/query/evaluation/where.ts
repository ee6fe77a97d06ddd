// https://www.mongodb.com/docs/manual/reference/operator/query/where/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const where: QueryOperatorSpec = {
  name: '$where',
  level: 'top',
  category: 'evaluation',
  summary: 'JavaScript predicate. Not allowed in $match or $validate in Atlas Stream Processing; use $expr.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/where/',
  syntax: '{ $where: <JavaScript function> }',
  examples: [{ filter: { $where: 'this.a > 1' }, doc: {}, error: '$where is not allowed inside of a $match aggregation expression' }],
  unsupported: '$where is not allowed in $match or $validate; use $expr.',
  compileTop: (_arg, q, path) => reject('$where', q, path),
};
