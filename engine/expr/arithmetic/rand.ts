// https://www.mongodb.com/docs/manual/reference/operator/aggregation/rand/
import { isPlainObject } from '../../bson/types';
import type { ExprOperator } from '../types';
import { docsUrl } from '../_shared/docs';
import { double } from '../_shared/numeric';

export const $rand: ExprOperator = {
  name: '$rand',
  category: 'arithmetic',
  summary: 'A random double between 0 (inclusive) and 1 (exclusive), new for every evaluation.',
  docsUrl: docsUrl('rand'),
  syntax: '{ $rand: {} }',
  snippet: '{}',
  examples: [
    { doc: {}, expr: { $lt: [{ $rand: {} }, 1] }, expected: true },
    { doc: {}, expr: { $rand: { seed: 1 } }, error: '$rand does not currently accept arguments' },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg) || Object.keys(arg).length > 0) {
      return c.error(path, '$rand does not currently accept arguments', 'ASP411');
    }
    return () => double(Math.random());
  },
};
