// https://www.mongodb.com/docs/manual/reference/operator/aggregation/toBool/
import { convertValue, OPTIONS } from './_convert';
import { unaryOperator } from './_internal';
import { docsUrl } from '../_shared/docs';

const TARGET = { type: 'bool' };

export const $toBool = unaryOperator({
  name: '$toBool',
  summary: 'Converts a value to a boolean: numbers are true unless zero; strings, dates, objectIds and other values are true.',
  docsUrl: docsUrl('toBool'),
  examples: [
    { doc: { v: 0 }, expr: { $toBool: '$v' }, expected: false },
    { doc: { v: 'false' }, expr: { $toBool: '$v' }, expected: true },
    { doc: {}, expr: { $toBool: '$missing' }, expected: null },
  ],
  fn: (v) => convertValue(v, TARGET, OPTIONS),
});
