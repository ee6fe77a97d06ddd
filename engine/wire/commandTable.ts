/**
 * Which command runs for a command document: its first key names it (MongoDB's rule). The
 * handshake and SCRAM commands run on any connection; everything else needs an authorized
 * connection; a name not in the table is CommandNotFound (59), as on Atlas. Every failure
 * becomes an `{ok: 0, errmsg, code, codeName}` reply here, so nothing a client sends can throw
 * past this point.
 */
import type { Document } from 'bson';
import type { ProcessorMethods } from '../runtime/processorMethods';
import type { ConnectionAuth } from './auth';
import { errorReply, WireError } from './errors';
import { atlasVersionReply, buildInfoReply, getParameterReply, helloReply } from './handshake';
import { STREAM_COMMANDS } from './streamCommands';

export interface CommandContext {
  methods: ProcessorMethods;
  auth: ConnectionAuth;
  connectionId: number;
  /** Literal secret values that must never appear in a reply. */
  secrets: readonly string[];
}

type Handler = (cmd: Document, ctx: CommandContext, name: string) => Document | Promise<Document>;

const HELLO: Handler = (cmd, ctx, name) => helloReply(cmd, { connectionId: ctx.connectionId, auth: ctx.auth, name });

/** The handshake: the only commands of an unauthenticated connection, and of legacy OP_QUERY. */
const HANDSHAKE = new Map<string, Handler>([
  ['hello', HELLO],
  ['isMaster', HELLO],
  ['ismaster', HELLO],
]);

const AUTH = new Map<string, Handler>([
  ['saslStart', (cmd, ctx) => ctx.auth.saslStart(cmd)],
  ['saslContinue', (cmd, ctx) => ctx.auth.saslContinue(cmd)],
]);

const CONNECT = new Map<string, Handler>([
  ['buildInfo', () => buildInfoReply()],
  ['buildinfo', () => buildInfoReply()],
  ['ping', () => ({ ok: 1 })],
  ['getParameter', (cmd) => getParameterReply(cmd)],
  ['atlasVersion', () => atlasVersionReply()],
  ['endSessions', () => ({ ok: 1 })],
  ['logout', (_cmd, ctx) => (ctx.auth.logout(), { ok: 1 })],
]);

const STREAMS = new Map<string, Handler>(Object.entries(STREAM_COMMANDS).map(([k, h]) => [k, (cmd, ctx) => h(ctx.methods, cmd)]));

export const COMMAND_NAMES: readonly string[] = [...HANDSHAKE.keys(), ...AUTH.keys(), ...CONNECT.keys(), ...STREAMS.keys()];

/** The command's name (its first key), or undefined for an empty document. */
export const commandName = (cmd: Document): string | undefined => Object.keys(cmd)[0];

/** Run one command; `legacy` is an OP_QUERY, which may only carry the handshake. */
export async function runCommand(cmd: Document, ctx: CommandContext, legacy = false): Promise<Document> {
  try {
    const name = commandName(cmd);
    if (name === undefined) throw new WireError('Empty command document: the first field names the command', 'FailedToParse');
    if (legacy) {
      const h = HANDSHAKE.get(name);
      if (!h) throw new WireError(`Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`, 'UnsupportedOpQueryCommand');
      return await h(cmd, ctx, name);
    }
    const open = HANDSHAKE.get(name) ?? AUTH.get(name);
    if (open) return await open(cmd, ctx, name);
    const h = CONNECT.get(name) ?? STREAMS.get(name);
    if (!h) throw new WireError(`no such command: '${name}'`, 'CommandNotFound');
    if (!ctx.auth.authorized) throw new WireError(`command ${name} requires authentication`, 'Unauthorized');
    return await h(cmd, ctx, name);
  } catch (e) {
    return errorReply(e, ctx.secrets);
  }
}
