// https://www.mongodb.com/docs/manual/reference/operator/aggregation/substr/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileSubstrBytes } from './_substrBytes';

export const $substr: ExprOperator = {
  name: '$substr',
  category: 'string',
  summary: 'Deprecated alias of $substrBytes: substring by UTF-8 byte index and count.',
  docsUrl: docsUrl('substr'),
  syntax: '{ $substr: [ <string>, <start>, <length> ] }',
  examples: [
    { doc: { q: 'WinterQ1' }, expr: { $substr: ['$q', 6, -1] }, expected: 'Q1' },
    { doc: {}, expr: { $substr: ['$q', 0, 2] }, expected: '' },
  ],
  compile(arg, c, path) {
    return compileSubstrBytes('$substr', arg, c, path);
  },
};
