/**
 * The connect-time commands MongoDB clients send before any `sp` call: hello / isMaster (the
 * handshake, with SCRAM mechanism negotiation and speculative auth), buildInfo, ping,
 * getParameter, atlasVersion, endSessions, logout. The instance presents itself as a standalone
 * server: no topologyVersion (so drivers poll hello instead of streaming it), no compressors;
 * a driver in load-balanced mode (how drivers reach Atlas workspaces) gets its serviceId.
 */
import { ObjectId, type Document } from 'bson';
import { MAX_BSON_BYTES, MAX_MESSAGE_BYTES } from './frame';
import { MECHANISM, type ConnectionAuth } from './auth';
import { WireError } from './errors';

export const SERVER_VERSION = '7.0.0';
/** MongoDB 7.0's wire version: current mongosh (driver 7) needs at least 8. */
const MAX_WIRE_VERSION = 21;
const ASP_VERSION = '0.1.0';
/** Drivers in load-balanced mode (as they connect to Atlas workspaces) require a service id. */
const SERVICE_ID = new ObjectId();

export interface HandshakeContext {
  connectionId: number;
  auth: ConnectionAuth;
  /** The command name as sent: `isMaster` / `ismaster` answer with the legacy field name. */
  name: string;
}

export function helloReply(cmd: Document, ctx: HandshakeContext): Document {
  const legacy = ctx.name !== 'hello';
  const r: Document = {
    helloOk: true,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize: MAX_BSON_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (cmd['loadBalanced'] === true) r['serviceId'] = SERVICE_ID;
  // Mechanism negotiation: offered for any name, so the reply does not tell which users exist.
  if (typeof cmd['saslSupportedMechs'] === 'string') r['saslSupportedMechs'] = [MECHANISM];
  const spec = ctx.auth.speculative(cmd);
  if (spec) r['speculativeAuthenticate'] = spec;
  r['ok'] = 1;
  return r;
}

export function buildInfoReply(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: `asp-studio-${ASP_VERSION}`,
    versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_BYTES,
    modules: [],
    storageEngines: [],
    javascriptEngine: 'none',
    // Local-only: what is really answering.
    aspStudio: { version: ASP_VERSION },
    ok: 1,
  };
}

const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: SERVER_VERSION.split('.').slice(0, 2).join('.') },
};

/** getParameter {name: 1} or {getParameter: '*'}; unknown names fail like MongoDB's. */
export function getParameterReply(cmd: Document): Document {
  const all = cmd['getParameter'] === '*';
  const r: Document = {};
  for (const [k, v] of Object.entries(PARAMETERS)) if (all || k in cmd) r[k] = v;
  if (Object.keys(r).length === 0) throw new WireError('no option found to get', 'InvalidOptions');
  r['ok'] = 1;
  return r;
}

export function atlasVersionReply(): Document {
  return { atlasVersion: `asp-studio-local-${ASP_VERSION}`, gitVersion: '', ok: 1 };
}
