// https://www.mongodb.com/docs/manual/reference/operator/query/exists/
import type { QueryOperatorSpec } from '../types';
import { anyValue, notMatch, trueValue } from '../values';

const present = anyValue((v) => v !== undefined);

export const exists: QueryOperatorSpec = {
  name: '$exists',
  level: 'field',
  category: 'element',
  summary: 'Matches documents that have (true) or lack (false) the field; a null value counts as present.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/exists/',
  syntax: '{ <field>: { $exists: <boolean> } }',
  examples: [{ filter: { qty: { $exists: true } }, doc: { qty: null }, matches: true }, { filter: { qty: { $exists: false } }, doc: { qty: 1 }, matches: false }],
  snippet: '${1|true,false|}',
  // Any argument is read by BSON truthiness, as the server does ({$exists: 0} means false).
  compileField: (arg) => (trueValue(arg) ? present : notMatch(present)),
};
