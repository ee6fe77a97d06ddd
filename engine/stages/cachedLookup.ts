/**
 * $cachedLookup (ASP): $lookup's equality join with a TTL cache of the joined documents, evicting
 * least recently used entries past maxMemUsageBytes. Runs in engine/connectors/cachedLookupOperator.ts
 * (reached through `Io.cachedLookup`). https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/
 */
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { connectionRef } from '../parse/connection';
import { durationField, parseDuration } from '../parse/duration';
import type { FieldSpec } from '../parse/fieldSpec';
import { fieldAt, intValue } from '../parse/fields';
import { arr, obj, setPath } from '../parse/shape';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import type { CachedLookupConfig } from '../io/types';

const FIELDS: FieldSpec[] = [
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
];

export const cachedLookup: StageSpec<CachedLookupConfig> = {
  name: '$cachedLookup', kind: 'transform', placement: { main: true, window: false, payload: false }, operatorName: 'CachedLookUpOperator', passesOnLater: true,
  summary: 'Joins documents from a collection through a cache with a time-to-live.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-cachedlookup/',
  syntax: '{ $cachedLookup: { ttl: {size, unit}, maxMemUsageBytes, from: {connectionName, db, coll}, localField, foreignField, as } }',
  fields: FIELDS,
  examples: [
    {
      title: 'Add the room of each reading, cached for a minute (embedded local store)',
      stage: { $cachedLookup: { ttl: { size: 1, unit: 'minute' }, maxMemUsageBytes: 1048576, from: { connectionName: 'local', db: 'asp', coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'roomInfo' } },
      store: { rooms: [{ _id: 'A', floor: 1 }, { _id: 'B', floor: 2 }] },
      input: [{ device_id: 'device_1', room: 'B' }, { device_id: 'device_2', room: 'B' }],
      output: [{ device_id: 'device_1', room: 'B', roomInfo: [{ _id: 'B', floor: 2 }] }, { device_id: 'device_2', room: 'B', roomInfo: [{ _id: 'B', floor: 2 }] }],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg) || !isPlainObject(arg['from'])) return undefined;
    const from = arg['from'];
    let ok = true;
    // A missing ttl was reported by the field table.
    const ttlMs = arg['ttl'] === undefined ? undefined : parseDuration(arg['ttl'], 'ttl', path, ctx);
    if (ttlMs === undefined) ok = false;
    else if (ttlMs <= 0) {
      err(ctx, [...path, 'ttl'], '$cachedLookup.ttl must be greater than zero', 'ASP304');
      ok = false;
    }
    const max = intValue(arg['maxMemUsageBytes']);
    if (max !== undefined && max < 1) {
      err(ctx, [...path, 'maxMemUsageBytes'], '$cachedLookup.maxMemUsageBytes must be a positive integer', 'ASP304');
      ok = false;
    }
    for (const f of ['connectionName', 'db', 'coll']) if (typeof from[f] !== 'string' || from[f] === '') ok = false;
    const name = from['connectionName'];
    if (typeof name === 'string') {
      const conn = connectionRef(name, [...path, 'from', 'connectionName'], ctx, fieldAt(FIELDS, ['from', 'connectionName'])!, {
        unknown: (n) => `Unknown connection name ${n}`,
        wrongType: () => 'Only atlas connection type is currently supported for $cachedLookup',
      });
      if (!conn) ok = false;
    }
    const { localField, foreignField, as } = arg;
    if (typeof localField !== 'string' || typeof foreignField !== 'string' || typeof as !== 'string' || !ok) return undefined;
    return {
      connectionName: name as string, db: from['db'] as string, coll: from['coll'] as string,
      localField, foreignField, as, ttlMs: ttlMs!,
      maxMemUsageBytes: max,
    };
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, arr(obj({}, true))) : input;
  },
  create(cfg, rt, next) {
    return ioOf(rt, '$cachedLookup').cachedLookup(cfg, rt, next);
  },
};
