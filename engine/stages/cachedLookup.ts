/** $cachedLookup (ASP): a $lookup with a TTL cache. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/ */
import { atlasOnlyStage } from './_atlasOnly';

export const cachedLookup = atlasOnlyStage({
  name: '$cachedLookup', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'CachedLookUpOperator',
  summary: 'Joins documents from a collection through a cache with a time-to-live.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/',
  syntax: '{ $cachedLookup: { ttl: {size, unit}, maxMemUsageBytes, from: {connectionName, db, coll}, localField, foreignField, as } }',
  fields: { ttl: { type: 'object' }, maxMemUsageBytes: { type: 'integer' }, from: { type: 'object' }, localField: { type: 'string' }, foreignField: { type: 'string' }, as: { type: 'string' } },
  required: ['ttl', 'from', 'localField', 'foreignField', 'as'],
});
