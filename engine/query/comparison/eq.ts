// https://www.mongodb.com/docs/manual/reference/operator/query/eq/
import type { QueryOperatorSpec } from '../types';
import { anyValue, equalityTest } from '../values';
import { docs } from './_internal';

export const eq: QueryOperatorSpec = {
  name: '$eq',
  level: 'field',
  category: 'comparison',
  summary: 'Matches values equal to the given value (an array field matches when any element or the whole array is equal).',
  docsUrl: docs('$eq'),
  syntax: '{ <field>: { $eq: <value> } }',
  examples: [{ filter: { qty: { $eq: 20 } }, doc: { qty: 20 }, matches: true }, { filter: { tags: { $eq: 'red' } }, doc: { tags: ['red', 'blue'] }, matches: true }],
  snippet: '${1:value}',
  // A regex operand is compared as a regex value here, not used as a pattern.
  compileField: (arg) => anyValue(equalityTest(arg)),
};
