// https://www.mongodb.com/docs/manual/reference/operator/aggregation/count-accumulator/
import type { Value } from '../core/types';
import type { AccumulatorSpec } from './types';
import { accError } from './_internal';
import { isPlainObject } from '../bson/types';
import { intOrLong } from '../bson/numbers';

export const count: AccumulatorSpec = {
  name: '$count',
  summary: 'Number of documents in the group.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/count-accumulator/',
  syntax: '{ $count: {} }',
  examples: [{ title: 'count', input: [{}, { a: 1 }, { a: null }], acc: { $count: {} }, expected: 3 }],
  compile(arg, c, path) {
    if (!isPlainObject(arg) || Object.keys(arg).length !== 0) return accError(c, path, '$count takes no arguments, i.e. $count:{}');
    return {
      init: () => 0,
      add: (s: number) => s + 1,
      step: (s: number) => s + 1,
      merge: (a: number, b: number) => a + b,
      result: (s: number) => intOrLong(s),
      snapshot: (s: number) => s,
      restore: (v: Value) => v as number,
    };
  },
};
