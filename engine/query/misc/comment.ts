// https://www.mongodb.com/docs/manual/reference/operator/query/comment/
import type { QueryOperatorSpec } from '../types';

export const comment: QueryOperatorSpec = {
  name: '$comment',
  level: 'top',
  category: 'misc',
  summary: 'Attaches a comment to the filter; it has no effect on matching.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/comment/',
  syntax: '{ <filter>, $comment: <any> }',
  examples: [{ filter: { qty: 1, $comment: 'one item' }, doc: { qty: 1 }, matches: true }],
  snippet: '"${1:comment}"',
  compileTop: () => undefined,
};
