/** $vectorSearch (ASP): semantic search enrichment. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-vectorSearch/ */
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { arr, obj, setPath } from '../parse/shape';
import { atlasOnlyStage } from './_atlasOnly';

export const vectorSearch = atlasOnlyStage({
  name: '$vectorSearch', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'VectorSearchOperator',
  summary: 'Enriches each document with the results of an Atlas Vector Search query.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-vectorSearch/',
  syntax: '{ $vectorSearch: { from: {connectionName, db, coll}, as, queryVector | query: {text}, index, path, numCandidates, limit, filter?, exact?, pipeline?, let? } }',
  fields: [
    {
      name: 'from', role: 'options', type: 'object', required: true, description: 'The collection with the Atlas Vector Search index',
      fields: [
        { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Cluster'], description: 'A Cluster connection' },
        { name: 'db', role: 'literal', type: 'string', required: true, description: 'Database name' },
        { name: 'coll', role: 'literal', type: 'string', required: true, description: 'Collection name' },
      ],
    },
    { name: 'as', role: 'fieldName', type: 'string', required: true, description: 'Array field that receives the search results' },
    { name: 'queryVector', role: 'expr', type: ['array', 'string', 'object'], description: 'The vector searched for, or an expression giving it (instead of query)' },
    {
      name: 'query', role: 'options', type: 'object', description: 'A text query embedded by the index\'s model (instead of queryVector)',
      fields: [{ name: 'text', role: 'expr', type: ['string', 'object'], required: true, description: 'The query text, or an expression giving it' }],
    },
    { name: 'model', role: 'literal', type: 'string', description: 'Embedding model for query.text (default: the index\'s)' },
    { name: 'index', role: 'literal', type: 'string', required: true, description: 'Name of the Atlas Vector Search index' },
    { name: 'path', role: 'literal', type: 'string', required: true, description: 'Field of the collection holding the vectors' },
    { name: 'numCandidates', role: 'literal', type: 'int', description: 'Candidates considered (required unless exact is true)' },
    { name: 'limit', role: 'literal', type: 'int', required: true, description: 'Most results returned (at most numCandidates)' },
    { name: 'filter', role: 'literal', type: 'object', description: 'Pre-filter on indexed fields of the collection' },
    { name: 'exact', role: 'literal', type: 'bool', default: false, description: 'Exact (ENN) instead of approximate (ANN) search' },
    {
      name: 'searchNodePreference', role: 'options', type: 'object', description: 'Routes the query to a search node',
      fields: [{ name: 'key', role: 'literal', type: 'string', required: true, description: 'Routing key (non-empty)' }],
    },
    { name: 'pipeline', role: 'pipeline', type: 'array', description: 'Stages run on the search results' },
    { name: 'let', role: 'fieldMap', type: 'object', description: 'Variables the pipeline reads as $$name' },
  ],
  rules(arg, path, ctx) {
    if ((arg['queryVector'] === undefined) === (arg['query'] === undefined)) {
      err(ctx, path, '$vectorSearch needs exactly one of queryVector and query', 'ASP313');
    }
    if (arg['numCandidates'] === undefined && arg['exact'] !== true) {
      err(ctx, path, "BSON field '$vectorSearch.numCandidates' is missing but a required field", 'ASP303', { data: { field: 'numCandidates' } });
    }
    if (arg['model'] !== undefined && arg['query'] === undefined) err(ctx, [...path, 'model'], '$vectorSearch.model is valid only with query', 'ASP313');
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, arr(obj({}, true))) : input;
  },
});
