// https://www.mongodb.com/docs/manual/reference/operator/aggregation/rtrim/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileTrim } from './_trim';

export const $rtrim: ExprOperator = {
  name: '$rtrim',
  category: 'string',
  summary: 'Removes whitespace (or the given characters) from the end of a string.',
  docsUrl: docsUrl('rtrim'),
  syntax: '{ $rtrim: { input: <string>, chars: <string> } }',
  snippet: '{ input: ${1:\\$field} }',
  examples: [
    { doc: { s: '  hello  ' }, expr: { $rtrim: { input: '$s' } }, expected: '  hello' },
    { doc: { s: 'ab--' }, expr: { $rtrim: { input: '$s', chars: '-' } }, expected: 'ab' },
  ],
  compile(arg, c, path) {
    return compileTrim('$rtrim', false, true, arg, c, path);
  },
};
