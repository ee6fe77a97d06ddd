// https://www.mongodb.com/docs/manual/reference/operator/aggregation/substrbytes/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileSubstrBytes } from './_substrBytes';

export const $substrBytes: ExprOperator = {
  name: '$substrBytes',
  category: 'string',
  summary: 'Substring by UTF-8 byte index and byte count.',
  docsUrl: docsUrl('substrBytes'),
  syntax: '{ $substrBytes: [ <string>, <byte index>, <byte count> ] }',
  examples: [
    { doc: { q: 'WinterQ1' }, expr: { $substrBytes: ['$q', 0, 6] }, expected: 'Winter' },
    { doc: { q: 'café' }, expr: { $substrBytes: ['$q', 0, 4] }, error: '$substrBytes:  Invalid range, ending index is in the middle of a UTF-8 character.' },
  ],
  compile(arg, c, path) {
    return compileSubstrBytes('$substrBytes', arg, c, path);
  },
};
