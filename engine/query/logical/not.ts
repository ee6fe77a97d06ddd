// https://www.mongodb.com/docs/manual/reference/operator/query/not/
import { isPlainObject } from '../../bson/types';
import { regexMatcher } from '../evaluation/regex';
import type { QueryOperatorSpec } from '../types';
import { notMatch, regexParts } from '../values';
import { docs } from './_internal';

export const not: QueryOperatorSpec = {
  name: '$not',
  level: 'field',
  category: 'logical',
  summary: 'Inverts the operator expression (or regex): also matches documents without the field.',
  docsUrl: docs('$not'),
  syntax: '{ <field>: { $not: { <operator-expression> } } }',
  examples: [{ filter: { price: { $not: { $gt: 1.99 } } }, doc: { item: 'pen' }, matches: true }, { filter: { price: { $not: { $gt: 1.99 } } }, doc: { price: 2.5 }, matches: false }],
  snippet: '{ ${1:\\$gt}: ${2:value} }',
  compileField(arg, q, path) {
    const re = regexParts(arg);
    if (re) {
      const m = regexMatcher(re.pattern, re.options, q, path);
      return m && notMatch(m);
    }
    if (!isPlainObject(arg)) return q.fail(path, '$not needs a regex or a document');
    const keys = Object.keys(arg);
    if (keys.length === 0) return q.fail(path, '$not cannot be empty');
    if (!keys[0]!.startsWith('$')) return q.fail(path, '$not needs a regex or a document');
    return notMatch(q.operators(arg, path));
  },
};
