// https://www.mongodb.com/docs/manual/reference/operator/query/in/
import type { QueryOperatorSpec } from '../types';
import { anyValue } from '../values';
import { docs } from './_internal';
import { membershipTest } from './_in';

export const inOp: QueryOperatorSpec = {
  name: '$in',
  level: 'field',
  category: 'comparison',
  summary: 'Matches values equal to any value in the array (regexes in the array match by pattern).',
  docsUrl: docs('$in'),
  syntax: '{ <field>: { $in: [ <value1>, <value2>, ... ] } }',
  examples: [{ filter: { status: { $in: ['A', 'D'] } }, doc: { status: 'D' }, matches: true }, { filter: { status: { $in: ['A', 'D'] } }, doc: { status: 'B' }, matches: false }],
  snippet: '[${1}]',
  compileField(arg, q, path) {
    const t = membershipTest('$in', arg, q, path);
    return t && anyValue(t);
  },
};
