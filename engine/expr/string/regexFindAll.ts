// https://www.mongodb.com/docs/manual/reference/operator/aggregation/regexfindall/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { type Match, compileRegexOp, cpLength, execAt, toMatch } from './_regex';

export const $regexFindAll: ExprOperator = {
  name: '$regexFindAll',
  category: 'string',
  summary: 'Every non-overlapping match of a regular expression, as an array of { match, idx, captures }.',
  docsUrl: docsUrl('regexFindAll'),
  syntax: '{ $regexFindAll: { input: <string>, regex: <string|/regex/>, options: <string> } }',
  snippet: "{ input: ${1:\\$field}, regex: '${2:pattern}' }",
  examples: [
    { doc: { s: 'a1b22' }, expr: { $regexFindAll: { input: '$s', regex: '\\d+' } }, expected: [{ match: '1', idx: 1, captures: [] }, { match: '22', idx: 3, captures: [] }] },
    { doc: {}, expr: { $regexFindAll: { input: '$s', regex: 'x' } }, expected: [] },
  ],
  compile(arg, c, path) {
    return compileRegexOp('$regexFindAll', arg, c, path, (input, re) => {
      const out: Match[] = [];
      if (input === null || re === null) return out;
      let pos = 0;
      let cp = 0;
      do {
        const m = execAt(re, input, pos);
        if (!m) break;
        cp += cpLength(input.slice(pos, m.index));
        out.push(toMatch(re, m, cp));
        if (m[0].length === 0) {
          // An empty match cannot be returned twice: step over one code point.
          const code = input.codePointAt(m.index);
          pos = m.index + (code !== undefined && code > 0xffff ? 2 : 1);
          cp += 1;
        } else {
          pos = m.index + m[0].length;
          cp += cpLength(m[0]);
        }
      } while (pos < input.length);
      return out;
    });
  },
};
