// https://www.mongodb.com/docs/manual/reference/operator/query/all/
import { isPlainObject } from '../../bson/types';
import { isOperatorDoc } from '../comparison/_internal';
import { regexMatcher } from '../evaluation/regex';
import type { FieldMatcher, QueryOperatorSpec } from '../types';
import { allMatch, anyValue, equalityTest, matchNothing, regexParts } from '../values';
import { elemMatch } from './elemMatch';

function isElemMatch(v: unknown): v is { $elemMatch: unknown } {
  return isPlainObject(v) && Object.keys(v)[0] === '$elemMatch';
}

export const all: QueryOperatorSpec = {
  name: '$all',
  level: 'field',
  category: 'array',
  summary: 'Matches arrays that contain all the given values (each may also be an $elemMatch).',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/all/',
  syntax: '{ <field>: { $all: [ <value1>, <value2>, ... ] } }',
  examples: [{ filter: { tags: { $all: ['ssl', 'security'] } }, doc: { tags: ['ssl', 'web', 'security'] }, matches: true }, { filter: { tags: { $all: ['ssl', 'security'] } }, doc: { tags: ['ssl'] }, matches: false }],
  snippet: '[${1}]',
  compileField(arg, q, path, siblings) {
    if (!Array.isArray(arg)) return q.fail(path, '$all needs an array');
    // No values means no match, as in MongoDB.
    if (arg.length === 0) return matchNothing;
    const out: FieldMatcher[] = [];
    const elem = isElemMatch(arg[0]);
    for (let i = 0; i < arg.length; i++) {
      const v = arg[i];
      const at = [...path, i];
      if (isElemMatch(v) !== elem) return q.fail(at, '$all/$elemMatch has to be consistent');
      let m: FieldMatcher | undefined;
      if (elem) {
        if (Object.keys(v as object).length !== 1) return q.fail(at, '$elemMatch must be the only key in an $all element');
        m = elemMatch.compileField!((v as { $elemMatch: unknown }).$elemMatch, q, [...at, '$elemMatch'], siblings);
      } else if (regexParts(v)) {
        const re = regexParts(v)!;
        m = regexMatcher(re.pattern, re.options, q, at);
      } else if (isOperatorDoc(v)) {
        return q.fail(at, 'no $ expressions in $all');
      } else {
        m = anyValue(equalityTest(v));
      }
      if (!m) return undefined;
      out.push(m);
    }
    return allMatch(out);
  },
};
