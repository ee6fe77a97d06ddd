/** $externalFunction (ASP): invoke an AWS Lambda function. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-externalFunction/ */
import { atlasOnlyStage } from './_atlasOnly';

export const externalFunction = atlasOnlyStage({
  name: '$externalFunction', kind: 'transform', placement: { main: true, window: true, payload: false }, operatorName: 'ExternalFunctionOperator',
  summary: 'Invokes an AWS Lambda function for each document.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-externalFunction/',
  syntax: '{ $externalFunction: { connectionName, functionName, execution, as, onError, payload } }',
  fields: { connectionName: { type: 'string' }, functionName: { type: 'string' }, execution: { enum: ['sync', 'async'], default: 'sync' }, as: { type: 'string' }, onError: { enum: ['dlq', 'ignore', 'fail'], default: 'dlq' }, payload: { type: 'array' }, parallelism: { type: 'integer' }, partitionBy: {} },
  required: ['connectionName', 'functionName'],
});
