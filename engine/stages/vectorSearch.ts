/** $vectorSearch (ASP): semantic search enrichment. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-vectorSearch/ */
import { atlasOnlyStage } from './_atlasOnly';

export const vectorSearch = atlasOnlyStage({
  name: '$vectorSearch', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'VectorSearchOperator',
  summary: 'Enriches each document with the results of an Atlas Vector Search query.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-vectorSearch/',
  syntax: '{ $vectorSearch: { from: {connectionName, db, coll}, index, path, queryVector, numCandidates, limit, as } }',
  fields: { from: { type: 'object' }, as: { type: 'string' }, queryVector: {}, query: { type: 'object' }, index: { type: 'string' }, path: { type: 'string' }, numCandidates: { type: 'integer' }, limit: { type: 'integer' }, filter: { type: 'object' }, exact: { type: 'boolean' } },
});
