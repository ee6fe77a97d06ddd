// https://www.mongodb.com/docs/manual/reference/operator/aggregation/unsetfield/
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { compileSetField } from './_setField';

export const $unsetField: ExprOperator = {
  name: '$unsetField',
  category: 'object',
  summary: 'Copy of an object without one field (names with dots or a leading $ allowed).',
  docsUrl: docsUrl('unsetField'),
  syntax: '{ $unsetField: { field: <string>, input: <object> } }',
  snippet: "{ field: '${1:name}', input: ${2:\\$\\$ROOT} }",
  examples: [
    { doc: { 'a.b': 1, c: 2 }, expr: { $unsetField: { field: 'a.b', input: '$$ROOT' } }, expected: { c: 2 } },
    { doc: {}, expr: { $unsetField: { field: 'a', input: '$x' } }, expected: null },
  ],
  compile(arg, c, path) {
    return compileSetField('$unsetField', true, arg, c, path);
  },
};
