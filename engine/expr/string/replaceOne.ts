// https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceone/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileReplace } from './_replace';

export const $replaceOne: ExprOperator = {
  name: '$replaceOne',
  category: 'string',
  summary: 'Replaces the first occurrence of a string with another.',
  docsUrl: docsUrl('replaceOne'),
  syntax: '{ $replaceOne: { input: <string>, find: <string>, replacement: <string> } }',
  snippet: "{ input: ${1:\\$field}, find: '${2}', replacement: '${3}' }",
  examples: [
    { doc: { item: 'blue paint with blue paintbrush' }, expr: { $replaceOne: { input: '$item', find: 'blue paint', replacement: 'red paint' } }, expected: 'red paint with blue paintbrush' },
    { doc: {}, expr: { $replaceOne: { input: '$item', find: 'a', replacement: 'b' } }, expected: null },
    { doc: { item: 5 }, expr: { $replaceOne: { input: '$item', find: 'a', replacement: 'b' } }, error: "$replaceOne requires that 'input' be a string, found: 5" },
  ],
  compile(arg, c, path) {
    return compileReplace('$replaceOne', false, arg, c, path);
  },
};
