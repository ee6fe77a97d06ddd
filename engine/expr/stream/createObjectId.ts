// https://www.mongodb.com/docs/manual/reference/operator/aggregation/createobjectid/
import { ObjectId } from 'bson';
import { isPlainObject } from '../../bson/types';
import type { ExprOperator } from '../types';

/**
 * $createObjectId (MongoDB 8.3): a new ObjectId for every evaluation. Its timestamp comes from
 * the pipeline's clock, like $currentDate, so tests and replays are deterministic in time.
 */
export const $createObjectId: ExprOperator = {
  name: '$createObjectId',
  category: 'misc',
  summary: 'A new unique ObjectId for every evaluation; the argument must be {}.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/createobjectid/',
  syntax: '{ $createObjectId: {} }',
  snippet: '{}',
  examples: [
    { doc: {}, expr: { $ne: [{ $createObjectId: {} }, { $createObjectId: {} }] }, expected: true },
    { doc: {}, expr: { $type: { $createObjectId: {} } }, expected: 'objectId' },
    { doc: {}, expr: { $createObjectId: null }, error: '$createObjectId requires an empty object as its argument' },
  ],
  compile(arg, c, path) {
    // MongoDB fails to parse anything but {} (FailedToParse; jstests/aggregation/expressions/create_oid.js).
    if (!isPlainObject(arg) || Object.keys(arg).length > 0) return c.error(path, '$createObjectId requires an empty object as its argument', 'ASP411');
    return (ctx) => new ObjectId(ObjectId.generate(Math.floor(ctx.clock.now() / 1000)));
  },
};
