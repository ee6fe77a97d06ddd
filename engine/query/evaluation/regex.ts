// https://www.mongodb.com/docs/manual/reference/operator/query/regex/
import type { JsonPath } from '../../core/types';
import type { FieldMatcher, QueryContext, QueryOperatorSpec } from '../types';
import { anyValue, buildRegex, regexParts, regexTest } from '../values';

/** The matcher for a regex condition; the RegExp is built once, here. */
export function regexMatcher(pattern: string, options: string, q: QueryContext, path: JsonPath): FieldMatcher | undefined {
  const re = buildRegex(pattern, options);
  if (typeof re === 'string') return q.fail(path, re);
  return anyValue(regexTest(re, pattern, options));
}

export const regex: QueryOperatorSpec = {
  name: '$regex',
  level: 'field',
  category: 'evaluation',
  summary: 'Matches strings against a regular expression (options: i, m, s, x).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/regex/',
  syntax: '{ <field>: { $regex: "pattern", $options: "<options>" } }',
  examples: [{ filter: { sku: { $regex: '^ABC' } }, doc: { sku: 'ABC123' }, matches: true }, { filter: { sku: { $regex: '^abc', $options: 'i' } }, doc: { sku: 'ABC123' }, matches: true }],
  snippet: '"${1:pattern}"',
  compileField(arg, q, path, siblings) {
    const opts = siblings['$options'];
    if (opts !== undefined && typeof opts !== 'string') return q.fail([...path.slice(0, -1), '$options'], '$options has to be a string');
    if (typeof arg === 'string') return regexMatcher(arg, opts ?? '', q, path);
    const re = regexParts(arg);
    if (!re) return q.fail(path, '$regex has to be a string');
    if (opts && re.options) return q.fail(path, 'options set in both $regex and $options');
    return regexMatcher(re.pattern, opts || re.options, q, path);
  },
};
