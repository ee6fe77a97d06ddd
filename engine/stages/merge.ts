/**
 * $merge (ASP): write each document into a MongoDB collection (or the embedded `local` store),
 * matching on `on` fields. Must be the last stage. Writes are batched per source batch.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-merge/
 */
import type { Expr } from '../expr/types';
import { isPlainObject } from '../bson/types';
import { err } from '../parse/args';
import { connectionRef, nameSpec } from '../parse/connection';
import type { FieldSpec } from '../parse/fieldSpec';
import { fieldAt, intValue } from '../parse/fields';
import { innerPipeline } from './_innerPipeline';
import type { StageSpec } from '../parse/types';
import { ioOf } from '../io/ioOf';
import { MATCHED, NOT_MATCHED, type Matched, type NotMatched } from '../io/enums';
import type { MergeConfig } from '../io/types';

const FIELDS: FieldSpec[] = [
  {
    name: 'into', role: 'options', type: 'object', required: true, description: 'The collection written to',
    fields: [
      { name: 'connectionName', role: 'connection', type: 'string', required: true, connectionTypes: ['Cluster', 'Local'], description: 'A Cluster connection (or `local`, the embedded store)' },
      { name: 'db', role: 'expr', type: ['string', 'object'], required: true, description: 'Database: a name, or an expression giving it per document' },
      { name: 'coll', role: 'expr', type: ['string', 'object'], required: true, description: 'Collection: a name, or an expression giving it per document' },
    ],
  },
  {
    name: 'on', role: 'fieldName', type: ['string', 'array'], default: '_id', description: 'Field or fields that identify the target document',
    messages: { wrongType: '$merge.on must be a field name or a non-empty array of field names' },
  },
  { name: 'let', role: 'fieldMap', type: 'object', description: 'Variables for the whenMatched pipeline ($$new is the incoming document)' },
  {
    name: 'whenMatched', role: 'literal', type: ['string', 'array', 'object'], enum: MATCHED, default: 'merge',
    description: 'When a target document matches: a mode, a pipeline updating it, or an expression giving the mode',
    messages: { badEnum: 'Unsupported whenMatched mode: {value}' },
  },
  {
    name: 'whenNotMatched', role: 'literal', type: ['string', 'object'], enum: NOT_MATCHED, default: 'insert',
    description: 'When no target document matches: a mode, or an expression giving it',
    messages: { badEnum: 'Unsupported whenNotMatched mode: {value}' },
  },
  {
    name: 'parallelism', role: 'literal', type: 'int', default: 1, description: 'Concurrent writers',
    messages: { wrongType: '$merge.parallelism must be a positive integer' },
  },
];

export const merge: StageSpec<MergeConfig> = {
  name: '$merge',
  kind: 'sink',
  placement: { main: true, window: false, payload: false },
  operatorName: 'MergeOperator',
  summary: 'Writes each document into a collection of a Cluster connection (or the embedded local store). Must be the last stage.',
  docsUrl: 'https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-merge/',
  syntax: '{ $merge: { into: { connectionName, db, coll }, on?, let?, whenMatched?, whenNotMatched?, parallelism? } }',
  fields: FIELDS,
  examples: [
    {
      title: 'Keep the latest reading per device (embedded local store)',
      stage: { $merge: { into: { connectionName: 'local', db: 'asp', coll: 'latest' }, whenMatched: 'replace' } },
      store: { latest: [{ _id: 'device_1', watts: 100 }] },
      input: [{ _id: 'device_1', watts: 250 }, { _id: 'device_2', watts: 80 }],
      stored: { latest: [{ _id: 'device_1', watts: 250 }, { _id: 'device_2', watts: 80 }] },
    },
  ],
  parse(arg, path, ctx) {
    const into = isPlainObject(arg) ? arg['into'] : undefined;
    if (!isPlainObject(arg) || !isPlainObject(into)) return undefined;
    const ipath = [...path, 'into'];
    const name = into['connectionName'];
    const conn = typeof name === 'string'
      ? connectionRef(name, [...ipath, 'connectionName'], ctx, fieldAt(FIELDS, ['into', 'connectionName'])!, {
        unknown: (n) => `Unknown connection name ${n}`,
        wrongType: () => 'Only atlas merge connection type is currently supported',
      })
      : undefined;
    let ok = conn !== undefined;
    const db = nameSpec(into['db'], '$merge.into', 'db', [...ipath, 'db'], ctx);
    const coll = nameSpec(into['coll'], '$merge.into', 'coll', [...ipath, 'coll'], ctx);
    let on = ['_id'];
    const onv = arg['on'];
    if (onv !== undefined) {
      const list = typeof onv === 'string' ? [onv] : onv;
      if (!Array.isArray(list) || list.length === 0 || !list.every((f) => typeof f === 'string' && f.length > 0)) {
        if (Array.isArray(list) || typeof onv === 'string') err(ctx, [...path, 'on'], '$merge.on must be a field name or a non-empty array of field names', 'ASP304');
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
    const letv = arg['let'];
    if (isPlainObject(letv)) for (const [k, v] of Object.entries(letv)) lets.push([k, ctx.compiler.expr(v, [...path, 'let', k])]);
    let whenMatched: MergeConfig['whenMatched'] = { mode: 'merge' };
    const wm = arg['whenMatched'];
    if (typeof wm === 'string') whenMatched = { mode: wm as Matched };
    else if (Array.isArray(wm)) {
      // Checked now (with $$new and the let names known); run per document later.
      const names = ['new', ...lets.map(([k]) => k)];
      ctx.compiler.withVars(names, () => ctx.parsePipeline(wm, [...path, 'whenMatched'], 'window'));
      whenMatched = { pipeline: wm };
    } else if (isPlainObject(wm)) whenMatched = { expr: ctx.compiler.expr(wm, [...path, 'whenMatched']) };
    let whenNotMatched: MergeConfig['whenNotMatched'] = { mode: 'insert' };
    const wn = arg['whenNotMatched'];
    if (typeof wn === 'string') whenNotMatched = { mode: wn as NotMatched };
    else if (isPlainObject(wn)) whenNotMatched = { expr: ctx.compiler.expr(wn, [...path, 'whenNotMatched']) };
    let parallelism = 1;
    const par = intValue(arg['parallelism']);
    if (par !== undefined) {
      if (par < 1) {
        err(ctx, [...path, 'parallelism'], '$merge.parallelism must be a positive integer', 'ASP304');
        ok = false;
      } else parallelism = par;
    }
    if (!ok || !db || !coll || typeof name !== 'string') return undefined;
    return { connectionName: name, db, coll, on, let: lets, whenMatched, whenNotMatched, parallelism, inner: innerPipeline(ctx, [...path, 'whenMatched']) };
  },
  create(cfg, rt) {
    return ioOf(rt, '$merge').merge(cfg, rt);
  },
};
