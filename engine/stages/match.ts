/**
 * $match: pass documents that match a query filter.
 * https://www.mongodb.com/docs/manual/reference/operator/aggregation/match/
 */
import type { Predicate } from '../query/compile';
import { compileFilter } from '../query/compile';
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { perDocument } from './_perDocument';
import type { StageSpec } from '../parse/types';

export const match: StageSpec<Predicate> = {
  name: '$match',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'MatchOperator',
  summary: 'Passes only the documents that match the query filter.',
  docsUrl: 'https://www.mongodb.com/docs/manual/reference/operator/aggregation/match/',
  syntax: '{ $match: { <query> } }',
  rootRole: 'query',
  rootType: 'object',
  examples: [
    {
      title: 'Keep readings above 200 watts',
      stage: { $match: { 'obs.watts': { $gt: 200 } } },
      input: [{ device_id: 'device_1', obs: { watts: 250 } }, { device_id: 'device_2', obs: { watts: 100 } }],
      output: [{ device_id: 'device_1', obs: { watts: 250 } }],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) {
      err(ctx, path, 'the match filter must be an expression in an object', 'ASP203');
      return undefined;
    }
    return compileFilter(arg, ctx.compiler, path, { context: 'match' });
  },
  create(pred, rt, next) {
    return perDocument('MatchOperator', rt, next, (doc, ctx) => (pred(doc, ctx) ? doc : undefined));
  },
};
