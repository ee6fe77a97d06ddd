// https://www.mongodb.com/docs/manual/reference/operator/aggregation/trim/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileTrim } from './_trim';

export const $trim: ExprOperator = {
  name: '$trim',
  category: 'string',
  summary: 'Removes whitespace (or the given characters) from both ends of a string.',
  docsUrl: docsUrl('trim'),
  syntax: '{ $trim: { input: <string>, chars: <string> } }',
  snippet: '{ input: ${1:\\$field} }',
  examples: [
    { doc: { s: '  hello \n' }, expr: { $trim: { input: '$s' } }, expected: 'hello' },
    { doc: { s: 'xxhixx' }, expr: { $trim: { input: '$s', chars: 'x' } }, expected: 'hi' },
    { doc: { s: 5 }, expr: { $trim: { input: '$s' } }, error: '$trim requires its input to be a string, got 5 (of type int) instead.' },
  ],
  compile(arg, c, path) {
    return compileTrim('$trim', true, true, arg, c, path);
  },
};
