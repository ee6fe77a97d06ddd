/**
 * `$source` from a MongoDB change stream (asp-spec §2.2): a collection, several collections,
 * a database or the whole cluster. The resume token is the checkpoint position.
 * https://www.mongodb.com/docs/atlas/atlas-stream-processing/sp-agg-source/
 */
import { Timestamp } from 'bson';
import type { Doc, JsonPath, Value } from '../core/types';
import { isPlainObject } from '../bson/types';
import { enumValue, err, noUnknownFields, optBool, optString, wrongType } from '../parse/args';
import type { ParseContext } from '../parse/types';
import { numberArg } from '../parse/fields';
import type { SourceFlavour } from './flavour';
import { parseTimeOptions } from './common';
import { type TimeOptions } from '../io/types';
import { ioOf } from '../io/ioOf';
import type { ChangeStreamConfig } from '../io/types';

const FIELDS = ['connectionName', 'db', 'coll', 'timeField', 'tsFieldName', 'tsFieldOverride', 'config', 'initialSync', 'readPreference', 'readPreferenceTags'] as const;
const CONFIG = ['startAfter', 'startAtOperationTime', 'fullDocument', 'fullDocumentOnly', 'fullDocumentBeforeChange', 'pipeline', 'maxAwaitTimeMS'] as const;

function parseConfig(c: Doc, path: JsonPath, ctx: ParseContext): Omit<ChangeStreamConfig, keyof TimeOptions | 'connectionName' | 'db' | 'colls'> | undefined {
  const P = '$source.config';
  noUnknownFields(c, CONFIG, P, path, ctx);
  let ok = true;
  const fullDocument = enumValue(c, 'fullDocument', ['default', 'updateLookup', 'required', 'whenAvailable'] as const, P, path, ctx) ?? 'default';
  const fullDocumentOnly = optBool(c, 'fullDocumentOnly', P, path, ctx) ?? false;
  const fullDocumentBeforeChange = enumValue(c, 'fullDocumentBeforeChange', ['off', 'whenAvailable', 'required'] as const, P, path, ctx) ?? 'off';
  if (fullDocumentOnly && fullDocument !== 'updateLookup' && fullDocument !== 'required') {
    err(ctx, [...path, 'fullDocumentOnly'], 'fullDocumentOnly is set to true, fullDocument mode can either be updateLookup or required', 'ASP313');
    ok = false;
  }
  if (fullDocumentOnly && fullDocumentBeforeChange !== 'off') {
    err(ctx, [...path, 'fullDocumentBeforeChange'], 'fullDocumentBeforeChange is set, so fullDocumentOnly should not be set.', 'ASP313');
    ok = false;
  }
  if (c['startAfter'] !== undefined && c['startAtOperationTime'] !== undefined) {
    err(ctx, [...path, 'startAtOperationTime'], 'startAfter and startAtOperationTime cannot both be set', 'ASP313');
    ok = false;
  }
  let startAfter: Doc | undefined;
  if (c['startAfter'] !== undefined) {
    if (isPlainObject(c['startAfter'])) startAfter = c['startAfter'];
    else {
      wrongType(P, 'startAfter', c['startAfter'], 'object', [...path, 'startAfter'], ctx);
      ok = false;
    }
  }
  let startAtOperationTime: Timestamp | undefined;
  const sat = c['startAtOperationTime'];
  if (sat instanceof Date) startAtOperationTime = new Timestamp({ t: Math.floor(sat.getTime() / 1000), i: 0 });
  else if ((sat as { _bsontype?: string } | undefined)?._bsontype === 'Timestamp') startAtOperationTime = sat as Timestamp;
  else if (sat !== undefined) {
    wrongType(P, 'startAtOperationTime', sat, 'timestamp', [...path, 'startAtOperationTime'], ctx);
    ok = false;
  }
  let pipeline: Doc[] = [];
  if (c['pipeline'] !== undefined) {
    if (Array.isArray(c['pipeline']) && c['pipeline'].every(isPlainObject)) pipeline = c['pipeline'] as Doc[];
    else {
      wrongType(P, 'pipeline', c['pipeline'], 'array', [...path, 'pipeline'], ctx);
      ok = false;
    }
  }
  let maxAwaitTimeMS = 1000;
  const m = c['maxAwaitTimeMS'];
  if (m !== undefined) {
    const n = numberArg(m);
    if (n !== undefined && Number.isInteger(n) && n >= 0) maxAwaitTimeMS = n;
    else {
      wrongType(P, 'maxAwaitTimeMS', m, 'int', [...path, 'maxAwaitTimeMS'], ctx);
      ok = false;
    }
  }
  return ok ? { fullDocument, fullDocumentOnly, fullDocumentBeforeChange, pipeline, startAfter, startAtOperationTime, maxAwaitTimeMS } : undefined;
}

export const changeStreamFlavour: SourceFlavour<ChangeStreamConfig> = {
  type: 'atlas',
  connectionTypes: ['Cluster'],
  fields: FIELDS,
  parse(arg, path, ctx) {
    noUnknownFields(arg, FIELDS, '$source', path, ctx);
    const time = parseTimeOptions(arg, path, ctx);
    let ok = true;
    const db = optString(arg, 'db', '$source', path, ctx);
    if (db === '') {
      err(ctx, [...path, 'db'], 'Cannot specify an empty database name to $source when configuring a change stream', 'ASP313');
      ok = false;
    }
    let colls: string[] | undefined;
    const coll = arg['coll'];
    if (coll !== undefined) {
      if (typeof coll === 'string' && coll.length > 0) colls = [coll];
      else if (Array.isArray(coll) && coll.length > 0 && coll.every((x) => typeof x === 'string' && x.length > 0)) colls = coll as string[];
      else {
        wrongType('$source', 'coll', coll, 'string', [...path, 'coll'], ctx);
        ok = false;
      }
      if (db === undefined) {
        err(ctx, [...path, 'coll'], 'If coll is specified, db must be specified.', 'ASP313');
        ok = false;
      }
    }
    if (arg['initialSync'] !== undefined) {
      err(ctx, [...path, 'initialSync'], 'initialSync is not available in the local engine', 'ASP312', { target: 'key' });
      ok = false;
    }
    const c = arg['config'] ?? {};
    let cfg: ReturnType<typeof parseConfig>;
    if (!isPlainObject(c)) {
      wrongType('$source', 'config', c, 'object', [...path, 'config'], ctx);
      ok = false;
    } else cfg = parseConfig(c, [...path, 'config'], ctx);
    if (!ok || !cfg) return undefined;
    return { ...time, ...cfg, connectionName: arg['connectionName'] as string, db, colls };
  },
  create(config, env) {
    return ioOf(env, '$source').changeStreamSource(config, env);
  },
};

export type { Value };
