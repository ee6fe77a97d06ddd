// https://www.mongodb.com/docs/manual/reference/operator/query/regex/#mongodb-query-op.-options
import type { QueryOperatorSpec } from '../types';

export const options: QueryOperatorSpec = {
  name: '$options',
  level: 'field',
  category: 'evaluation',
  summary: 'Options for the $regex next to it: i (case-insensitive), m (multiline), s (dot matches newline), x (extended).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/regex/#mongodb-query-op.-options',
  syntax: '{ <field>: { $regex: "pattern", $options: "<options>" } }',
  examples: [{ filter: { name: { $regex: '^al', $options: 'i' } }, doc: { name: 'Alice' }, matches: true }],
  snippet: '"${1:i}"',
  // $regex reads its sibling $options; alone it is an error.
  compileField(_arg, q, path, siblings) {
    if (!('$regex' in siblings)) return q.fail(path, '$options needs a $regex');
    return undefined;
  },
};
