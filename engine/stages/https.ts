/** $https (ASP): call an HTTPS endpoint per document. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/ */
import { isPlainObject } from '../bson/types';
import { missing } from '../parse/args';
import { ANY, setPath } from '../parse/shape';
import { atlasOnlyStage } from './_atlasOnly';
import { ON_ERROR, PAYLOAD, parsePayload } from './_callFields';

export const https = atlasOnlyStage({
  name: '$https', kind: 'transform', placement: { main: true, window: true, payload: false }, operatorName: 'HttpsOperator',
  summary: 'Calls an HTTPS API for each document and stores the response in a field; may also end the pipeline.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-https/',
  syntax: '{ $https: { connectionName, path, method, headers, parameters, as, onError, payload, config } }',
  terminal: true,
  fields: [
    { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Https'], description: 'An Https connection: the base URL (and its secret headers)' },
    { name: 'path', role: 'expr', type: ['string', 'object'], description: "Path appended to the connection's URL, or an expression giving it per document" },
    { name: 'method', role: 'literal', type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'GET', description: 'HTTP method of the request' },
    { name: 'headers', role: 'fieldMap', type: 'object', description: 'Request headers: name -> expression giving a string' },
    { name: 'parameters', role: 'fieldMap', type: 'object', description: 'Query parameters: name -> expression giving a number, string or boolean' },
    { name: 'as', role: 'fieldName', type: 'string', description: 'Field that receives the response (required unless $https ends the pipeline)' },
    ON_ERROR,
    PAYLOAD,
    {
      name: 'config', role: 'options', type: 'object', description: 'Timeouts and response handling',
      fields: [
        { name: 'connectionTimeoutSec', role: 'literal', type: 'int', default: 30, description: 'Seconds a connection may wait for a response' },
        { name: 'requestTimeoutSec', role: 'literal', type: 'int', default: 60, description: 'Seconds a request may take to connect' },
        { name: 'parseJsonStrings', role: 'literal', type: 'bool', default: false, description: 'Parse string values of the response that hold JSON' },
      ],
    },
  ],
  rules(arg, path, ctx) {
    if (arg['as'] === undefined && !ctx.isLast) missing('$https', 'as', path, ctx);
    parsePayload(arg, path, ctx);
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, ANY) : input;
  },
});
