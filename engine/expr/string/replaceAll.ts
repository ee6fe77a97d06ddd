// https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceall/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileReplace } from './_replace';

export const $replaceAll: ExprOperator = {
  name: '$replaceAll',
  category: 'string',
  summary: 'Replaces every occurrence of a string with another.',
  docsUrl: docsUrl('replaceAll'),
  syntax: '{ $replaceAll: { input: <string>, find: <string>, replacement: <string> } }',
  snippet: "{ input: ${1:\\$field}, find: '${2}', replacement: '${3}' }",
  examples: [
    { doc: { item: 'blue paint with blue paintbrush' }, expr: { $replaceAll: { input: '$item', find: 'blue', replacement: 'red' } }, expected: 'red paint with red paintbrush' },
    { doc: { item: 'abc' }, expr: { $replaceAll: { input: '$item', find: null, replacement: 'x' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileReplace('$replaceAll', true, arg, c, path);
  },
};
