/**
 * $merge (ASP): write each document into a MongoDB collection (or the embedded `local` store),
 * matching on `on` fields. Must be the last stage. Writes are batched per source batch.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-merge/
 */
import type { Expr } from '../expr/types';
import { isPlainObject } from '../bson/types';
import { err, missing, noUnknownFields, objectArg, wrongType } from '../parse/args';
import { connectionRef, nameSpec } from '../parse/connection';
import { innerPipeline } from './_innerPipeline';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import { MATCHED, NOT_MATCHED, type Matched, type NotMatched } from '../io/enums';
import type { MergeConfig } from '../io/types';

const FIELDS = ['into', 'on', 'let', 'whenMatched', 'whenNotMatched', 'parallelism'];

export const merge: StageSpec<MergeConfig> = {
  name: '$merge',
  kind: 'sink',
  placement: { main: true, window: false, payload: false },
  operatorName: 'MergeOperator',
  summary: 'Writes each document into a collection of a Cluster connection (or the embedded local store). Must be the last stage.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-merge/',
  syntax: '{ $merge: { into: { connectionName, db, coll }, on?, let?, whenMatched?, whenNotMatched?, parallelism? } }',
  schema: {
    type: 'object',
    required: ['into'],
    properties: {
      into: { type: 'object', required: ['connectionName', 'db', 'coll'], properties: { connectionName: { type: 'string' }, db: { description: 'string or expression' }, coll: { description: 'string or expression' } } },
      on: { description: 'Field or fields that identify a document (default _id)' },
      let: { type: 'object', description: 'Variables for the whenMatched pipeline ($$new is the incoming document)' },
      whenMatched: { description: 'merge (default) | replace | keepExisting | delete | <pipeline> | <expression>' },
      whenNotMatched: { description: 'insert (default) | discard | <expression>' },
      parallelism: { type: 'integer', minimum: 1, default: 1 },
    },
  },
  examples: [],
  parse(arg, path, ctx) {
    const o = objectArg('$merge', arg, path, ctx);
    if (!o) return undefined;
    noUnknownFields(o, FIELDS, '$merge', path, ctx);
    const into = o['into'];
    if (into === undefined) {
      missing('$merge', 'into', path, ctx);
      return undefined;
    }
    const ipath = [...path, 'into'];
    if (!isPlainObject(into)) {
      wrongType('$merge', 'into', into, 'object', ipath, ctx);
      return undefined;
    }
    noUnknownFields(into, ['connectionName', 'db', 'coll'], '$merge.into', ipath, ctx);
    const name = into['connectionName'];
    if (typeof name !== 'string') {
      if (name === undefined) missing('$merge.into', 'connectionName', ipath, ctx);
      else wrongType('$merge.into', 'connectionName', name, 'string', [...ipath, 'connectionName'], ctx);
      return undefined;
    }
    const conn = connectionRef(name, [...ipath, 'connectionName'], ctx, ['Cluster', 'Local'], (n) => `Unknown connection name ${n}`);
    if (!conn) return undefined;
    let ok = true;
    if (conn.type !== 'Cluster' && conn.type !== 'Local') {
      err(ctx, [...ipath, 'connectionName'], 'Only atlas merge connection type is currently supported', 'ASP511', { data: { name, type: conn.type } });
      ok = false;
    }
    const db = nameSpec(into, 'db', '$merge.into', ipath, ctx);
    const coll = nameSpec(into, 'coll', '$merge.into', ipath, ctx);
    let on = ['_id'];
    const onv = o['on'];
    if (onv !== undefined) {
      const list = typeof onv === 'string' ? [onv] : onv;
      if (!Array.isArray(list) || list.length === 0 || !list.every((f) => typeof f === 'string' && f.length > 0)) {
        err(ctx, [...path, 'on'], '$merge.on must be a field name or a non-empty array of field names', 'ASP304');
        ok = false;
      } else {
        const seen = new Set<string>();
        for (const f of list as string[]) {
          if (seen.has(f)) {
            err(ctx, [...path, 'on'], `Found a duplicate field in the $merge.on list: '${f}'`, 'ASP311');
            ok = false;
          }
          seen.add(f);
        }
        on = list as string[];
      }
    }
    const lets: [string, Expr][] = [];
    const letv = o['let'];
    if (letv !== undefined) {
      if (!isPlainObject(letv)) {
        wrongType('$merge', 'let', letv, 'object', [...path, 'let'], ctx);
        ok = false;
      } else for (const [k, v] of Object.entries(letv)) lets.push([k, ctx.compiler.expr(v, [...path, 'let', k])]);
    }
    let whenMatched: MergeConfig['whenMatched'] = { mode: 'merge' };
    const wm = o['whenMatched'];
    if (typeof wm === 'string') {
      if ((MATCHED as readonly string[]).includes(wm)) whenMatched = { mode: wm as Matched };
      else {
        err(ctx, [...path, 'whenMatched'], `Unsupported whenMatched mode: ${wm}`, 'ASP305', { data: { allowed: MATCHED } });
        ok = false;
      }
    } else if (Array.isArray(wm)) {
      // Checked now (with $$new and the let names known); run per document later.
      const names = ['new', ...lets.map(([k]) => k)];
      ctx.compiler.withVars(names, () => ctx.parsePipeline(wm, [...path, 'whenMatched'], 'window'));
      whenMatched = { pipeline: wm };
    } else if (isPlainObject(wm)) whenMatched = { expr: ctx.compiler.expr(wm, [...path, 'whenMatched']) };
    else if (wm !== undefined) {
      wrongType('$merge', 'whenMatched', wm, 'string', [...path, 'whenMatched'], ctx);
      ok = false;
    }
    let whenNotMatched: MergeConfig['whenNotMatched'] = { mode: 'insert' };
    const wn = o['whenNotMatched'];
    if (typeof wn === 'string') {
      if ((NOT_MATCHED as readonly string[]).includes(wn)) whenNotMatched = { mode: wn as NotMatched };
      else {
        err(ctx, [...path, 'whenNotMatched'], `Unsupported whenNotMatched mode: ${wn}`, 'ASP305', { data: { allowed: NOT_MATCHED } });
        ok = false;
      }
    } else if (isPlainObject(wn)) whenNotMatched = { expr: ctx.compiler.expr(wn, [...path, 'whenNotMatched']) };
    else if (wn !== undefined) {
      wrongType('$merge', 'whenNotMatched', wn, 'string', [...path, 'whenNotMatched'], ctx);
      ok = false;
    }
    let parallelism = 1;
    const par = o['parallelism'];
    if (par !== undefined) {
      if (typeof par !== 'number' || !Number.isInteger(par) || par < 1) {
        err(ctx, [...path, 'parallelism'], '$merge.parallelism must be a positive integer', 'ASP304');
        ok = false;
      } else parallelism = par;
    }
    if (!ok || !db || !coll) return undefined;
    return { connectionName: name, db, coll, on, let: lets, whenMatched, whenNotMatched, parallelism, inner: innerPipeline(ctx, [...path, 'whenMatched']) };
  },
  create(cfg, rt) {
    return ioOf(rt, '$merge').merge(cfg, rt);
  },
};
