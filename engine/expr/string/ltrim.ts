// https://www.mongodb.com/docs/manual/reference/operator/aggregation/ltrim/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileTrim } from './_trim';

export const $ltrim: ExprOperator = {
  name: '$ltrim',
  category: 'string',
  summary: 'Removes whitespace (or the given characters) from the start of a string.',
  docsUrl: docsUrl('ltrim'),
  syntax: '{ $ltrim: { input: <string>, chars: <string> } }',
  snippet: '{ input: ${1:\\$field} }',
  examples: [
    { doc: { s: '  hello  ' }, expr: { $ltrim: { input: '$s' } }, expected: 'hello  ' },
    { doc: {}, expr: { $ltrim: { input: '$s' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileTrim('$ltrim', true, false, arg, c, path);
  },
};
