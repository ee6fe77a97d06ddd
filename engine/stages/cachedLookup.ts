/** $cachedLookup (ASP): a $lookup with a TTL cache. https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/ */
import { isPlainObject } from '../bson/types';
import { arr, obj, setPath } from '../parse/shape';
import { durationField } from '../parse/duration';
import { atlasOnlyStage } from './_atlasOnly';

export const cachedLookup = atlasOnlyStage({
  name: '$cachedLookup', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'CachedLookUpOperator',
  summary: 'Joins documents from a collection through a cache with a time-to-live.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/',
  syntax: '{ $cachedLookup: { ttl: {size, unit}, maxMemUsageBytes, from: {connectionName, db, coll}, localField, foreignField, as } }',
  fields: [
    durationField('ttl', 'How long a cached query result stays valid', { required: true }),
    { name: 'maxMemUsageBytes', role: 'literal', type: 'int', description: 'Memory for cached results (default: 10% of the workspace RAM); least recently used entries are evicted' },
    {
      name: 'from', role: 'options', type: 'object', required: true, description: 'The collection joined with',
      fields: [
        { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Cluster', 'Local'], description: 'A Cluster connection (or `local`, the embedded store)' },
        { name: 'db', role: 'literal', type: 'string', required: true, description: 'Database name' },
        { name: 'coll', role: 'literal', type: 'string', required: true, description: 'Collection name' },
      ],
    },
    { name: 'localField', role: 'fieldName', type: 'string', required: true, description: 'Field of the incoming document matched against foreignField' },
    { name: 'foreignField', role: 'fieldName', type: 'string', required: true, description: 'Field of the joined collection matched against localField' },
    { name: 'as', role: 'fieldName', type: 'string', required: true, description: 'Array field that receives the matching documents' },
  ],
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, arr(obj({}, true))) : input;
  },
});
