/** $https (ASP): call an HTTPS endpoint per document. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/ */
import { atlasOnlyStage } from './_atlasOnly';

export const https = atlasOnlyStage({
  name: '$https', kind: 'transform', placement: { main: true, window: true, payload: false }, operatorName: 'HttpsOperator',
  summary: 'Calls an HTTPS API for each document and stores the response in a field.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/',
  syntax: '{ $https: { connectionName, path, method, headers, parameters, as, onError, payload, config } }',
  fields: { connectionName: { type: 'string' }, path: {}, parameters: { type: 'object' }, method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'GET' }, headers: { type: 'object' }, as: { type: 'string' }, onError: { enum: ['dlq', 'ignore', 'fail'], default: 'dlq' }, payload: { type: 'array' }, config: { type: 'object', properties: { connectionTimeoutSec: { type: 'integer', default: 30 }, requestTimeoutSec: { type: 'integer', default: 60 }, parseJsonStrings: { type: 'boolean', default: false } } } },
  required: ['connectionName', 'as'],
});
