// https://www.mongodb.com/docs/manual/reference/operator/query/size/
import { isNumber, toNumber } from '../../bson/types';
import type { QueryOperatorSpec } from '../types';
import { anyValue } from '../values';

export const size: QueryOperatorSpec = {
  name: '$size',
  level: 'field',
  category: 'array',
  summary: 'Matches arrays with exactly the given number of elements.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/size/',
  syntax: '{ <field>: { $size: <number> } }',
  examples: [{ filter: { tags: { $size: 2 } }, doc: { tags: ['a', 'b'] }, matches: true }, { filter: { tags: { $size: 2 } }, doc: { tags: ['a'] }, matches: false }],
  snippet: '${1:0}',
  compileField(arg, q, path) {
    if (!isNumber(arg)) return q.fail(path, '$size needs a number');
    const n = toNumber(arg);
    if (!Number.isInteger(n)) return q.fail(path, '$size must be a whole number');
    if (n < 0) return q.fail(path, '$size may not be negative');
    // An array at the end of the path is tested itself, never its elements.
    return anyValue((v) => Array.isArray(v) && v.length === n, false);
  },
};
