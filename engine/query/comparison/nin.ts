// https://www.mongodb.com/docs/manual/reference/operator/query/nin/
import type { QueryOperatorSpec } from '../types';
import { anyValue, notMatch } from '../values';
import { docs } from './_internal';
import { membershipTest } from './_in';

export const nin: QueryOperatorSpec = {
  name: '$nin',
  level: 'field',
  category: 'comparison',
  summary: 'Matches values not equal to any value in the array, including documents without the field.',
  docsUrl: docs('$nin'),
  syntax: '{ <field>: { $nin: [ <value1>, <value2>, ... ] } }',
  examples: [{ filter: { status: { $nin: ['A', 'D'] } }, doc: { item: 'pen' }, matches: true }, { filter: { status: { $nin: ['A', 'D'] } }, doc: { status: 'A' }, matches: false }],
  snippet: '[${1}]',
  compileField(arg, q, path) {
    const t = membershipTest('$nin', arg, q, path);
    return t && notMatch(anyValue(t));
  },
};
