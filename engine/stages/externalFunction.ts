/** $externalFunction (ASP): invoke an AWS Lambda function. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-externalFunction/ */
import { isPlainObject } from '../bson/types';
import { err, missing } from '../parse/args';
import { intValue } from '../parse/fields';
import { ANY, setPath } from '../parse/shape';
import { atlasOnlyStage } from './_atlasOnly';
import { ON_ERROR, PAYLOAD, parsePayload } from './_callFields';

export const externalFunction = atlasOnlyStage({
  name: '$externalFunction', kind: 'transform', placement: { main: true, window: true, payload: false }, operatorName: 'ExternalFunctionOperator',
  summary: 'Invokes an AWS Lambda function for each document; may also end the pipeline.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-externalFunction/',
  syntax: '{ $externalFunction: { connectionName, functionName, execution, as, onError, payload, parallelism, partitionBy } }',
  terminal: true,
  fields: [
    { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['AWSLambda'], description: 'An AWS Lambda connection' },
    { name: 'functionName', role: 'literal', type: 'string', required: true, description: 'Full ARN or name of the Lambda function' },
    { name: 'execution', role: 'literal', type: 'string', enum: ['sync', 'async'], default: 'sync', description: 'Wait for the response (sync) or not (async)' },
    { name: 'as', role: 'fieldName', type: 'string', description: 'Field that receives the response (sync; required unless the stage ends the pipeline)' },
    ON_ERROR,
    PAYLOAD,
    { name: 'parallelism', role: 'literal', type: 'int', default: 1, description: 'Concurrent requests (above 1 only with sync execution)' },
    { name: 'partitionBy', role: 'expr', description: 'Expression routing documents to the parallel requests (documents with one value stay in order)' },
  ],
  rules(arg, path, ctx) {
    const async = arg['execution'] === 'async';
    if (async && arg['as'] !== undefined) err(ctx, [...path, 'as'], '$externalFunction.as cannot be set when execution is async', 'ASP313');
    if (!async && arg['as'] === undefined && !ctx.isLast) missing('$externalFunction', 'as', path, ctx);
    const par = intValue(arg['parallelism']);
    if (par !== undefined && par > 1 && async) err(ctx, [...path, 'parallelism'], '$externalFunction.parallelism above 1 needs execution "sync"', 'ASP313');
    if (arg['partitionBy'] !== undefined && (async || par === undefined || par <= 1)) {
      err(ctx, [...path, 'partitionBy'], '$externalFunction.partitionBy needs execution "sync" and parallelism above 1', 'ASP313');
    }
    parsePayload(arg, path, ctx);
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, ANY) : input;
  },
});
