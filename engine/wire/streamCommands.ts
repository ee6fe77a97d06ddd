/**
 * The Atlas stream-processing commands over the wire: each command document becomes the params
 * of one ProcessorMethods call (engine/runtime/processorMethods.ts, shared with JSON-RPC) and its
 * reply becomes BSON. Options are accepted where mongosh puts them (top level: `start({tier})`
 * sends `{startStreamProcessor: n, tier}`) and where the Node driver puts them (nested
 * `options: {...}`); the same option given at both places with different values is an error.
 */
import type { Document } from 'bson';
import type * as P from '../../shared/protocol';
import type { ProcessorMethods } from '../runtime/processorMethods';
import { NO_SINK } from '../runtime/processorMethods';
import { WireError } from './errors';
import { arrayField, boolField, cursorIdOf, docField, fromEJSONReply, numberField, stringField, toEJSON } from './values';

/** Fields every command may carry (sessions, API version, read preference ...): not options. */
const GENERIC = new Set(['$db', 'lsid', '$clusterTime', '$readPreference', 'txnNumber', 'autocommit', 'startTransaction', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'comment', 'maxTimeMS', 'readConcern', 'writeConcern', '$audit', '$client']);

type Handler = (m: ProcessorMethods, cmd: Document) => Document | Promise<Document>;

/**
 * The options of a command: its top-level fields (mongosh) merged with its nested `options`
 * (Node driver), as canonical Extended JSON, without the command's own key and generic fields.
 */
function optionsOf(name: string, cmd: Document, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cmd)) {
    if (k === name || k === 'options' || GENERIC.has(k) || skip.includes(k) || v === undefined) continue;
    out[k] = toEJSON(v);
  }
  const nested = docField(name, cmd, 'options');
  for (const [k, v] of Object.entries(nested ?? {})) {
    if (v === undefined) continue;
    const e = toEJSON(v);
    if (k in out && JSON.stringify(out[k]) !== JSON.stringify(e)) {
      throw new WireError(`Option '${k}' is given both at the top level and in 'options' with different values`, 'StreamProcessorInvalidOptions');
    }
    out[k] = e;
  }
  return out;
}

const reply = (r: object): Document => fromEJSONReply(r);

/** cursorId travels as int64; the methods keep it as a number. */
function withCursor<T extends { cursorId: number }>(r: T): Document {
  const { cursorId, ...rest } = r;
  return { ...reply(rest), cursorId: cursorIdOf(cursorId) };
}

/** A boolean option (canonical EJSON); MongoDB also takes a number, non-zero meaning true. */
function flag(cmd: string, o: Record<string, unknown>, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null || typeof v === 'boolean') return v ?? undefined;
  const n = v as Record<string, unknown>;
  const num = n['$numberInt'] ?? n['$numberDouble'] ?? n['$numberLong'];
  if (typeof num === 'string') return Number(num) !== 0;
  throw new WireError(`BSON field '${cmd}.${key}' is the wrong type, expected type 'bool'`, 'TypeMismatch');
}

export const STREAM_COMMANDS: Record<string, Handler> = {
  createStreamProcessor: (m, cmd) => {
    const name = stringField('createStreamProcessor', cmd, 'createStreamProcessor');
    const pipeline = arrayField('createStreamProcessor', cmd, 'pipeline');
    const options = optionsOf('createStreamProcessor', cmd, ['pipeline']);
    return reply(m.createStreamProcessor({ name, pipeline: toEJSON(pipeline) as P.EJson[], options: options as P.ProcessorOptions }));
  },

  processStreamProcessor: (m, cmd) => {
    const pipeline = arrayField('processStreamProcessor', cmd, 'processStreamProcessor');
    const options = optionsOf('processStreamProcessor', cmd);
    // The wire reads output through the sample cursor only (mongosh's getMore loop).
    return withCursor(m.processStreamProcessor({ pipeline: toEJSON(pipeline) as P.EJson[], options: options as P.ProcessorOptions, run: { stream: false } }, NO_SINK));
  },

  startStreamProcessor: async (m, cmd) => {
    const name = stringField('startStreamProcessor', cmd, 'startStreamProcessor');
    const o = optionsOf('startStreamProcessor', cmd);
    const params: P.StartParams = { ...o, name };
    const resume = flag('startStreamProcessor', o, 'resumeFromCheckpoint');
    const clear = flag('startStreamProcessor', o, 'clearCheckpoints');
    if (resume !== undefined) params.resumeFromCheckpoint = resume;
    if (clear !== undefined) params.clearCheckpoints = clear;
    return reply(await m.startStreamProcessor(params));
  },

  // Every option travels on: the runtime checks them (startOptions.ts), so none is dropped here.
  stopStreamProcessor: async (m, cmd) => {
    const name = stringField('stopStreamProcessor', cmd, 'stopStreamProcessor');
    const o = optionsOf('stopStreamProcessor', cmd);
    const force = flag('stopStreamProcessor', o, 'force');
    return reply(await m.stopStreamProcessor({ ...o, name, ...(force === undefined ? {} : { force }) } as P.StopParams));
  },

  dropStreamProcessor: async (m, cmd) => {
    const name = stringField('dropStreamProcessor', cmd, 'dropStreamProcessor');
    const o = optionsOf('dropStreamProcessor', cmd);
    const force = flag('dropStreamProcessor', o, 'force');
    return reply(await m.dropStreamProcessor({ ...o, name, ...(force === undefined ? {} : { force }) } as P.DropParams));
  },

  modifyStreamProcessor: async (m, cmd) => {
    const name = stringField('modifyStreamProcessor', cmd, 'modifyStreamProcessor');
    const o = optionsOf('modifyStreamProcessor', cmd);
    // Atlas's `name` option of modify is the new name; JSON-RPC calls it newName.
    const { name: newName, pipeline, resumeFromCheckpoint, ...rest } = o;
    const params: P.ModifyParams = { ...(rest as Record<string, P.EJson>), name };
    if (newName !== undefined) {
      if (typeof newName !== 'string') throw new WireError(`BSON field 'modifyStreamProcessor.name' must be a string`, 'TypeMismatch');
      params.newName = newName;
    }
    if (pipeline !== undefined) {
      if (!Array.isArray(pipeline)) throw new WireError('The first argument to modify must be an array or object.', 'StreamProcessorInvalidOptions');
      params.pipeline = pipeline as P.EJson[];
    }
    const resume = flag('modifyStreamProcessor', { resumeFromCheckpoint }, 'resumeFromCheckpoint');
    if (resume !== undefined) params.resumeFromCheckpoint = resume;
    return reply(await m.modifyStreamProcessor(params));
  },

  getStreamProcessorStats: (m, cmd) => {
    const name = stringField('getStreamProcessorStats', cmd, 'getStreamProcessorStats');
    const nested = docField('getStreamProcessorStats', cmd, 'options') ?? {};
    const scale = numberField('getStreamProcessorStats', cmd, 'scale') ?? numberField('getStreamProcessorStats.options', nested, 'scale');
    const verbose = boolField('getStreamProcessorStats', cmd, 'verbose') ?? boolField('getStreamProcessorStats.options', nested, 'verbose');
    const params: P.StatsParams = { name };
    if (scale !== undefined) params.scale = scale;
    if (verbose !== undefined) params.verbose = verbose;
    return reply(m.getStreamProcessorStats(params));
  },

  startSampleStreamProcessor: (m, cmd) => {
    const name = stringField('startSampleStreamProcessor', cmd, 'startSampleStreamProcessor');
    const nested = docField('startSampleStreamProcessor', cmd, 'options') ?? {};
    const limit = numberField('startSampleStreamProcessor', cmd, 'limit') ?? numberField('startSampleStreamProcessor.options', nested, 'limit');
    return withCursor(m.startSampleStreamProcessor(limit === undefined ? { name } : { name, limit }));
  },

  getMoreSampleStreamProcessor: (m, cmd) => {
    const name = stringField('getMoreSampleStreamProcessor', cmd, 'getMoreSampleStreamProcessor');
    const cursorId = numberField('getMoreSampleStreamProcessor', cmd, 'cursorId');
    if (cursorId === undefined) throw new WireError("BSON field 'getMoreSampleStreamProcessor.cursorId' is missing but a required field", 'StreamProcessorInvalidOptions');
    const batch = numberField('getMoreSampleStreamProcessor', cmd, 'batchSize');
    return withCursor(m.getMoreSampleStreamProcessor(batch === undefined ? { name, cursorId } : { name, cursorId, batchSize: batch }));
  },

  listStreamProcessors: (m, cmd) => {
    const filter = docField('listStreamProcessors', cmd, 'filter');
    return reply(m.listStreamProcessors(filter ? { filter: toEJSON(filter) as P.EJsonDoc } : {}));
  },

  listStreamConnections: (m, cmd) => {
    const filter = docField('listStreamConnections', cmd, 'filter');
    return reply(m.listStreamConnections(filter ? { filter: toEJSON(filter) as P.EJsonDoc } : {}));
  },

  listWorkspaceDefaults: (m) => reply(m.listWorkspaceDefaults()),

  getStreamProcessor: (m, cmd) => reply(m.getStreamProcessor({ name: stringField('getStreamProcessor', cmd, 'getStreamProcessor') })),
};
