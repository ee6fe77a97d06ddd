// https://www.mongodb.com/docs/manual/reference/operator/aggregation/setfield/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileSetField } from './_setField';

export const $setField: ExprOperator = {
  name: '$setField',
  category: 'object',
  summary: 'Copy of an object with one field added, replaced, or removed (value $$REMOVE).',
  docsUrl: docsUrl('setField'),
  syntax: '{ $setField: { field: <string>, input: <object>, value: <expression> } }',
  snippet: "{ field: '${1:name}', input: ${2:\\$\\$ROOT}, value: ${3:value} }",
  examples: [
    { doc: { a: 1 }, expr: { $setField: { field: 'price.usd', input: '$$ROOT', value: 5 } }, expected: { a: 1, 'price.usd': 5 } },
    { doc: { a: 1, b: 2 }, expr: { $setField: { field: 'a', input: '$$ROOT', value: '$$REMOVE' } }, expected: { b: 2 } },
    { doc: { a: 1 }, expr: { $setField: { field: 'x', input: '$a', value: 1 } }, error: "$setField requires 'input' to evaluate to type Object" },
  ],
  compile(arg, c, path) {
    return compileSetField('$setField', false, arg, c, path);
  },
};
