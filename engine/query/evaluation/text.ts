// https://www.mongodb.com/docs/manual/reference/operator/query/text/
import type { QueryOperatorSpec } from '../types';
import { reject } from '../unsupported';

export const text: QueryOperatorSpec = {
  name: '$text',
  level: 'top',
  category: 'evaluation',
  summary: 'Text search over a text index. Not available in Atlas Stream Processing.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/text/',
  syntax: '{ $text: { $search: <string> } }',
  examples: [{ filter: { $text: { $search: 'coffee' } }, doc: {}, error: 'Cannot use $text in $match stage in Atlas Stream Processing.' }],
  unsupported: 'Cannot use $text in $match stage in Atlas Stream Processing.',
  compileTop: (_arg, q, path) => reject('$text', q, path),
};
