/**
 * $lookup (ASP): join each document with a collection of a Cluster connection (or the
 * embedded store): equality, let/pipeline and concise forms.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-lookup/
 */
import type { Doc, Value } from '../core/types';
import type { Expr } from '../expr/types';
import { isPlainObject } from '../bson/types';
import { err, missing, noUnknownFields, objectArg, optString, wrongType } from '../parse/args';
import { connectionRef } from '../parse/connection';
import { innerPipeline } from './_innerPipeline';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import type { LookupConfig } from '../io/types';

const FIELDS = ['from', 'localField', 'foreignField', 'let', 'pipeline', 'as', 'parallelism', 'partitionBy'];

export const lookup: StageSpec<LookupConfig> = {
  name: '$lookup',
  kind: 'transform',
  placement: { main: true, window: true, payload: false },
  operatorName: 'LookUpOperator',
  summary: 'Joins each document with matching documents of a collection on a Cluster connection (or the embedded local store).',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-lookup/',
  syntax: '{ $lookup: { from: { connectionName, db, coll }, localField, foreignField, let, pipeline, as } }',
  schema: {
    type: 'object',
    required: ['as'],
    properties: {
      from: { type: 'object', required: ['connectionName', 'db', 'coll'], properties: { connectionName: { type: 'string' }, db: { type: 'string' }, coll: { type: 'string' } } },
      localField: { type: 'string' },
      foreignField: { type: 'string' },
      let: { type: 'object' },
      pipeline: { type: 'array' },
      as: { type: 'string' },
      parallelism: { type: 'integer', minimum: 1, maximum: 16, default: 1 },
      partitionBy: { description: 'Expression routing documents to parallel lookups' },
    },
  },
  examples: [],
  parse(arg, path, ctx) {
    const o = objectArg('$lookup', arg, path, ctx);
    if (!o) return undefined;
    noUnknownFields(o, FIELDS, '$lookup', path, ctx);
    let ok = true;
    const from = o['from'];
    if (from === undefined) {
      err(ctx, path, '$lookup without from (a pipeline starting with $documents) is not available in the local engine', 'ASP312');
      return undefined;
    }
    const fpath = [...path, 'from'];
    if (!isPlainObject(from)) {
      wrongType('$lookup', 'from', from, 'object', fpath, ctx);
      return undefined;
    }
    noUnknownFields(from, ['connectionName', 'db', 'coll'], '$lookup.from', fpath, ctx);
    for (const f of ['connectionName', 'db', 'coll']) {
      if (from[f] === undefined) {
        missing('$lookup.from', f, fpath, ctx);
        ok = false;
      } else if (typeof from[f] !== 'string' || (from[f] as string).length === 0) {
        wrongType('$lookup.from', f, from[f], 'string', [...fpath, f], ctx);
        ok = false;
      }
    }
    if (!ok) return undefined;
    const name = from['connectionName'] as string;
    const conn = connectionRef(name, [...fpath, 'connectionName'], ctx, ['Cluster', 'Local'], (n) => `Unknown connection name ${n}`);
    if (!conn) return undefined;
    if (conn.type !== 'Cluster' && conn.type !== 'Local') {
      err(ctx, [...fpath, 'connectionName'], 'Only atlas connection type is currently supported for $lookup', 'ASP511', { data: { name, type: conn.type } });
      ok = false;
    }
    const localField = optString(o, 'localField', '$lookup', path, ctx);
    const foreignField = optString(o, 'foreignField', '$lookup', path, ctx);
    if ((localField === undefined) !== (foreignField === undefined)) {
      err(ctx, path, '$lookup requires both or neither of localField and foreignField', 'ASP303');
      ok = false;
    }
    const as = optString(o, 'as', '$lookup', path, ctx);
    if (as === undefined) {
      missing('$lookup', 'as', path, ctx);
      ok = false;
    }
    const lets: [string, Expr][] = [];
    if (o['let'] !== undefined) {
      if (!isPlainObject(o['let'])) {
        wrongType('$lookup', 'let', o['let'], 'object', [...path, 'let'], ctx);
        ok = false;
      } else for (const [k, v] of Object.entries(o['let'])) lets.push([k, ctx.compiler.expr(v, [...path, 'let', k])]);
    }
    let pipeline: Value[] | undefined;
    if (o['pipeline'] !== undefined) {
      if (!Array.isArray(o['pipeline'])) {
        wrongType('$lookup', 'pipeline', o['pipeline'], 'array', [...path, 'pipeline'], ctx);
        ok = false;
      } else {
        pipeline = o['pipeline'];
        ctx.compiler.withVars(lets.map(([k]) => k), () => ctx.parsePipeline(pipeline, [...path, 'pipeline'], 'window'));
      }
    }
    if (localField === undefined && pipeline === undefined) {
      err(ctx, path, '$lookup needs localField/foreignField, a pipeline, or both', 'ASP303');
      ok = false;
    }
    let parallelism = 1;
    const par = o['parallelism'];
    if (par !== undefined) {
      if (typeof par !== 'number' || !Number.isInteger(par) || par < 1 || par > 16) {
        err(ctx, [...path, 'parallelism'], '$lookup.parallelism must be an integer from 1 to 16', 'ASP304');
        ok = false;
      } else parallelism = par;
    }
    if (!ok || as === undefined) return undefined;
    return { connectionName: name, db: from['db'] as string, coll: from['coll'] as string, localField, foreignField, let: lets, pipeline, as, parallelism, inner: innerPipeline(ctx, [...path, 'pipeline']) };
  },
  create(cfg, rt, next) {
    return ioOf(rt, '$lookup').lookup(cfg, rt, next);
  },
};

export type { Doc };
