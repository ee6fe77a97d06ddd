// https://www.mongodb.com/docs/manual/reference/operator/aggregation/regexfind/
import { BSONRegExp } from 'bson';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileRegexOp, cpLength, execAt, toMatch } from './_regex';

export const $regexFind: ExprOperator = {
  name: '$regexFind',
  category: 'string',
  summary: 'First match of a regular expression: { match, idx, captures }, or null.',
  docsUrl: docsUrl('regexFind'),
  syntax: '{ $regexFind: { input: <string>, regex: <string|/regex/>, options: <string> } }',
  snippet: "{ input: ${1:\\$field}, regex: '${2:pattern}' }",
  examples: [
    { doc: { d: 'Single LINE description.' }, expr: { $regexFind: { input: '$d', regex: 'line', options: 'i' } }, expected: { match: 'LINE', idx: 7, captures: [] } },
    { doc: { d: 'Cafe Carril' }, expr: { $regexFind: { input: '$d', regex: new BSONRegExp('(C(ar)*)ril') } }, expected: { match: 'Carril', idx: 5, captures: ['Car', 'ar'] } },
    { doc: { d: 'abc' }, expr: { $regexFind: { input: '$d', regex: 'z' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileRegexOp('$regexFind', arg, c, path, (input, re) => {
      if (input === null || re === null) return null;
      const m = execAt(re, input, 0);
      return m ? toMatch(re, m, cpLength(input.slice(0, m.index))) : null;
    });
  },
};
