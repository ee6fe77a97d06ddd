/**
 * JSON-RPC params as Atlas command documents, the way mongosh sends them to `admin` (options at
 * the top level, `modify`'s new name as `name`), and replies back as relaxed Extended JSON: the
 * client-side mirror of engine/wire/streamCommands.ts. Pipelines travel as BSON built from
 * their Extended JSON, so `{"$date": ...}` arrives as a date and key order is kept.
 */
import { EJSON, Long, type Document } from 'bson';
import type * as P from '../../shared/protocol';

type Params = Record<string, unknown>;

const bson = (v: unknown): unknown => (v === undefined ? undefined : EJSON.deserialize({ v } as Document, { relaxed: false })['v']);

/** The command's own key first (MongoDB reads the first key as the command name), then the rest in order. */
function command(name: string, value: unknown, rest: Params, skip: readonly string[] = []): Document {
  const doc: Document = { [name]: value };
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined || skip.includes(k) || k === 'file') continue;
    doc[k] = bson(v);
  }
  return doc;
}

export const TO_COMMAND: Record<string, (p: Params) => Document> = {
  createStreamProcessor: (p) => command('createStreamProcessor', p['name'], { pipeline: p['pipeline'], options: p['options'] }),
  processStreamProcessor: (p) => command('processStreamProcessor', bson(p['pipeline']), { options: p['options'] }),
  startStreamProcessor: (p) => command('startStreamProcessor', p['name'], p, ['name']),
  stopStreamProcessor: (p) => command('stopStreamProcessor', p['name'], p, ['name']),
  dropStreamProcessor: (p) => command('dropStreamProcessor', p['name'], p, ['name']),
  modifyStreamProcessor: (p) => {
    const { name, newName, ...rest } = p;
    return command('modifyStreamProcessor', name, newName === undefined ? rest : { ...rest, name: newName });
  },
  getStreamProcessorStats: (p) => command('getStreamProcessorStats', p['name'], p, ['name']),
  startSampleStreamProcessor: (p) => command('startSampleStreamProcessor', p['name'], p, ['name']),
  getMoreSampleStreamProcessor: (p) => ({ ...command('getMoreSampleStreamProcessor', p['name'], p, ['name', 'cursorId']), cursorId: Long.fromNumber(Number(p['cursorId'])) }),
  listStreamProcessors: (p) => command('listStreamProcessors', 1, { filter: p['filter'] }),
  listStreamConnections: (p) => command('listStreamConnections', 1, { filter: p['filter'] }),
  listWorkspaceDefaults: () => ({ listWorkspaceDefaults: 1 }),
  getStreamProcessor: (p) => ({ getStreamProcessor: p['name'] }),
};

/** A command reply as the JSON-RPC reply: relaxed Extended JSON, cursor ids as numbers, no `ok` metadata beyond ok. */
export function fromReply(reply: Document): P.OkReply & Record<string, unknown> {
  const out = EJSON.serialize(reply, { relaxed: true }) as Record<string, unknown>;
  for (const k of ['$clusterTime', 'operationTime']) delete out[k];
  const cursor = reply['cursorId'];
  if (cursor !== undefined) out['cursorId'] = typeof cursor === 'number' ? cursor : Number((cursor as Long).toString());
  // The Node driver notes that a development server wraps the reply in `result`.
  const inner = out['result'];
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(out).every((k) => k === 'ok' || k === 'result')) return { ok: 1, ...(inner as Record<string, unknown>) };
  return { ...out, ok: 1 };
}
