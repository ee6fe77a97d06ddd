// https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-currentdate/
import { isPlainObject } from '../../bson/types';
import type { ExprOperator } from '../types';

export const $currentDate: ExprOperator = {
  name: '$currentDate',
  category: 'stream',
  summary: 'The current wall-clock time as a Date, read at each evaluation (use instead of $$NOW).',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-currentdate/',
  syntax: '{ $currentDate: {} }',
  snippet: '{}',
  examples: [
    { doc: {}, expr: { $gt: [{ $currentDate: {} }, new Date('2020-01-01T00:00:00Z')] }, expected: true },
    { doc: {}, expr: { $currentDate: { tz: 'UTC' } }, error: '$currentDate does not accept arguments.' },
  ],
  compile(arg, c, path) {
    if (!isPlainObject(arg) || Object.keys(arg).length > 0) return c.error(path, '$currentDate does not accept arguments.', 'ASP411');
    return (ctx) => new Date(ctx.clock.now());
  },
};
