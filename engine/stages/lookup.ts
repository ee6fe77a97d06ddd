/**
 * $lookup (ASP): join each document with a collection of a Cluster connection (or the
 * embedded store): equality, let/pipeline and concise forms.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-lookup/
 */
import type { Value } from '../core/types';
import type { Expr } from '../expr/types';
import { isPlainObject } from '../bson/types';
import { err, wrongType } from '../parse/args';
import { connectionRef } from '../parse/connection';
import type { FieldSpec } from '../parse/fieldSpec';
import { fieldAt, intValue } from '../parse/fields';
import { arr, obj, setPath } from '../parse/shape';
import { innerPipeline } from './_innerPipeline';
import { createDocumentsLookup, parseDocumentsLookup, type DocumentsLookupConfig } from './lookupDocuments';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import type { LookupConfig } from '../io/types';

const FIELDS: FieldSpec[] = [
  {
    name: 'from', role: 'options', type: 'object', description: 'The collection joined with',
    fields: [
      { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Cluster', 'Local'], description: 'A Cluster connection (or `local`, the embedded store)' },
      { name: 'db', role: 'literal', type: 'string', required: true, description: 'Database name' },
      { name: 'coll', role: 'literal', type: 'string', required: true, description: 'Collection name' },
    ],
  },
  { name: 'localField', role: 'fieldName', type: 'string', description: 'Field of the incoming document matched against foreignField' },
  { name: 'foreignField', role: 'fieldName', type: 'string', description: 'Field of the joined collection matched against localField' },
  { name: 'let', role: 'fieldMap', type: 'object', description: 'Variables the pipeline reads as $$name' },
  { name: 'pipeline', role: 'pipeline', type: 'array', description: 'Stages run on the joined collection' },
  { name: 'as', role: 'fieldName', type: 'string', required: true, description: 'Array field that receives the matching documents' },
  {
    name: 'parallelism', role: 'literal', type: 'int', default: 1, description: 'Concurrent lookups (1 to 16)',
    messages: { wrongType: '$lookup.parallelism must be an integer from 1 to 16' },
  },
  { name: 'partitionBy', role: 'expr', description: 'Expression routing documents to the parallel lookups' },
];

export const lookup: StageSpec<LookupConfig | DocumentsLookupConfig> = {
  name: '$lookup',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'LookUpOperator',
  // Against MongoDB the batch is answered in drain() (the embedded store answers in push()).
  passesOnLater: true,
  summary: 'Joins each document with matching documents of a collection on a Cluster connection (or the embedded local store), or with documents a $documents pipeline computes.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-lookup/',
  syntax: '{ $lookup: { from: { connectionName, db, coll }, localField, foreignField, let, pipeline, as } }',
  fields: FIELDS,
  examples: [
    {
      title: 'Add the room of each reading (embedded local store)',
      stage: { $lookup: { from: { connectionName: 'local', db: 'asp', coll: 'rooms' }, localField: 'room', foreignField: '_id', as: 'roomInfo' } },
      store: { rooms: [{ _id: 'A', floor: 1 }, { _id: 'B', floor: 2 }] },
      input: [{ device_id: 'device_1', room: 'B' }],
      output: [{ device_id: 'device_1', room: 'B', roomInfo: [{ _id: 'B', floor: 2 }] }],
    },
    {
      title: 'Join computed documents: no collection, a $documents pipeline with let variables',
      stage: { $lookup: { let: { w: '$watts' }, pipeline: [{ $documents: [{ band: 'high', min: 200 }, { band: 'low', min: 0 }] }, { $match: { $expr: { $lte: ['$min', '$$w'] } } }, { $limit: 1 }], as: 'band' } },
      input: [{ device_id: 'device_1', watts: 120 }],
      output: [{ device_id: 'device_1', watts: 120, band: [{ band: 'low', min: 0 }] }],
    },
  ],
  parse(arg, path, ctx) {
    if (!isPlainObject(arg)) return undefined;
    const lets: [string, Expr][] = [];
    const letv = arg['let'];
    if (isPlainObject(letv)) for (const [k, v] of Object.entries(letv)) lets.push([k, ctx.compiler.expr(v, [...path, 'let', k])]);
    const from = arg['from'];
    if (from === undefined) return parseDocumentsLookup(arg, path, ctx, lets);
    if (!isPlainObject(from)) return undefined;
    const fpath = [...path, 'from'];
    let ok = true;
    for (const f of ['connectionName', 'db', 'coll']) {
      if (from[f] === '') {
        wrongType('$lookup.from', f, from[f], 'string', [...fpath, f], ctx);
        ok = false;
      } else if (typeof from[f] !== 'string') ok = false;
    }
    if (!ok) return undefined;
    const name = from['connectionName'] as string;
    const conn = connectionRef(name, [...fpath, 'connectionName'], ctx, fieldAt(FIELDS, ['from', 'connectionName'])!, {
      unknown: (n) => `Unknown connection name ${n}`,
      wrongType: () => 'Only atlas connection type is currently supported for $lookup',
    });
    if (!conn) ok = false;
    const localField = typeof arg['localField'] === 'string' ? arg['localField'] : undefined;
    const foreignField = typeof arg['foreignField'] === 'string' ? arg['foreignField'] : undefined;
    if ((arg['localField'] === undefined) !== (arg['foreignField'] === undefined)) {
      err(ctx, path, '$lookup requires both or neither of localField and foreignField', 'ASP303');
      ok = false;
    }
    const as = typeof arg['as'] === 'string' ? arg['as'] : undefined;
    let pipeline: Value[] | undefined;
    if (Array.isArray(arg['pipeline'])) {
      const p = arg['pipeline'];
      pipeline = p;
      ctx.compiler.withVars(lets.map(([k]) => k), () => ctx.parsePipeline(p, [...path, 'pipeline'], 'window'));
    }
    if (arg['localField'] === undefined && arg['pipeline'] === undefined) {
      err(ctx, path, '$lookup needs localField/foreignField, a pipeline, or both', 'ASP303');
      ok = false;
    }
    let parallelism = 1;
    const par = intValue(arg['parallelism']);
    if (par !== undefined) {
      if (par < 1 || par > 16) {
        err(ctx, [...path, 'parallelism'], '$lookup.parallelism must be an integer from 1 to 16', 'ASP304');
        ok = false;
      } else parallelism = par;
    }
    if (!ok || as === undefined) return undefined;
    return { connectionName: name, db: from['db'] as string, coll: from['coll'] as string, localField, foreignField, let: lets, pipeline, as, parallelism, inner: innerPipeline(ctx, [...path, 'pipeline']) };
  },
  outputShape(input, arg) {
    const as = isPlainObject(arg) ? arg['as'] : undefined;
    return typeof as === 'string' && as ? setPath(input, as, arr(obj({}, true))) : input;
  },
  create(cfg, rt, next) {
    if ('kind' in cfg) return createDocumentsLookup(cfg, rt, next);
    return ioOf(rt, '$lookup').lookup(cfg, rt, next);
  },
};

