// https://www.mongodb.com/docs/manual/reference/operator/query/ne/
import type { QueryOperatorSpec } from '../types';
import { anyValue, equalityTest, notMatch, regexParts } from '../values';
import { docs } from './_internal';

export const ne: QueryOperatorSpec = {
  name: '$ne',
  level: 'field',
  category: 'comparison',
  summary: 'Matches documents where the field is not equal to the value, including documents without the field.',
  docsUrl: docs('$ne'),
  syntax: '{ <field>: { $ne: <value> } }',
  examples: [{ filter: { qty: { $ne: 20 } }, doc: { item: 'pen' }, matches: true }, { filter: { qty: { $ne: 20 } }, doc: { qty: 20 }, matches: false }],
  snippet: '${1:value}',
  compileField(arg, q, path) {
    if (regexParts(arg)) {
      return q.fail(path, "Can't have regex as arg to $ne.");
    }
    // $ne is the negation of $eq over the whole path: [1, 2] is not "$ne: 1".
    return notMatch(anyValue(equalityTest(arg)));
  },
};
