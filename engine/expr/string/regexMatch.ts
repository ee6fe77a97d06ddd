// https://www.mongodb.com/docs/manual/reference/operator/aggregation/regexmatch/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileRegexOp, execAt } from './_regex';

export const $regexMatch: ExprOperator = {
  name: '$regexMatch',
  category: 'string',
  summary: 'True when a regular expression matches the input string.',
  docsUrl: docsUrl('regexMatch'),
  syntax: '{ $regexMatch: { input: <string>, regex: <string|/regex/>, options: <string> } }',
  snippet: "{ input: ${1:\\$field}, regex: '${2:pattern}' }",
  examples: [
    { doc: { sku: 'AB-123' }, expr: { $regexMatch: { input: '$sku', regex: '^ab-\\d+$', options: 'i' } }, expected: true },
    { doc: {}, expr: { $regexMatch: { input: '$sku', regex: 'x' } }, expected: false },
    { doc: { sku: 5 }, expr: { $regexMatch: { input: '$sku', regex: 'x' } }, error: "$regexMatch needs 'input' to be of type string" },
  ],
  compile(arg, c, path) {
    return compileRegexOp('$regexMatch', arg, c, path, (input, re) => (input === null || re === null ? false : execAt(re, input, 0) !== null));
  },
};
