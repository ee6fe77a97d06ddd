// https://www.mongodb.com/docs/manual/reference/operator/query/elemmatch/
import { isPlainObject } from '../../bson/types';
import type { QueryOperatorSpec } from '../types';
import { anyValue } from '../values';

/** Top-level operators start a query-form $elemMatch ({ $elemMatch: { $or: [...] } }). */
const QUERY_FORM_OPERATORS = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema']);

export const elemMatch: QueryOperatorSpec = {
  name: '$elemMatch',
  level: 'field',
  category: 'array',
  summary: 'Matches arrays with at least one element that satisfies all the given conditions.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/query/elemmatch/',
  syntax: '{ <field>: { $elemMatch: { <query1>, <query2>, ... } } }',
  examples: [{ filter: { results: { $elemMatch: { $gte: 80, $lt: 85 } } }, doc: { results: [82, 90] }, matches: true }, { filter: { results: { $elemMatch: { $gte: 80, $lt: 85 } } }, doc: { results: [75, 88] }, matches: false }],
  snippet: '{ $1 }',
  compileField(arg, q, path) {
    if (!isPlainObject(arg)) return q.fail(path, '$elemMatch needs an Object');
    const first = Object.keys(arg)[0];
    if (first !== undefined && first.startsWith('$') && !QUERY_FORM_OPERATORS.has(first)) {
      // Value form: operators apply to each element itself.
      const t = q.operators(arg, path).test;
      return anyValue((v, ctx) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (t(v[i], ctx)) return true;
        return false;
      }, false);
    }
    // Query form: each element is a document (arrays count, keyed by index, as in BSON).
    const sub = q.filter(arg, path, false);
    return anyValue((v, ctx) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        if ((isPlainObject(e) || Array.isArray(e)) && sub(e, ctx)) return true;
      }
      return false;
    }, false);
  },
};
