/** Add, edit and test connections of the registry file (secrets go to SecretStorage). */
import * as vscode from 'vscode';
import type { Connection } from '../../engine/connections/types';
import * as P from '../../shared/protocol';
import { UserFacingError, type CommandTable } from '../ctx';

const NAME_RE = /^[A-Za-z0-9._*-]+$/;

async function ask(prompt: string, value = '', opts: { password?: boolean; optional?: boolean; validate?: (v: string) => string | undefined } = {}): Promise<string> {
  const v = await vscode.window.showInputBox({
    prompt,
    value,
    password: opts.password ?? false,
    ignoreFocusOut: true,
    validateInput: (s) => (!opts.optional && s.trim() === '' ? 'Required' : opts.validate?.(s)),
  });
  if (v === undefined) throw new UserFacingError('Cancelled.');
  return v.trim();
}

/** The add/edit wizard; `prev` prefills an edit. Secret fields start empty ("keep" when left empty). */
async function wizard(prev?: Connection): Promise<Connection> {
  const type =
    prev?.type ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'Kafka', description: 'an Apache Kafka cluster' },
          { label: 'Cluster', description: 'a MongoDB deployment (mongodb:// URI)' },
          { label: 'Https', description: 'an HTTPS endpoint for $https' },
        ],
        { placeHolder: 'Connection type', ignoreFocusOut: true },
      )
    )?.label;
  if (!type) throw new UserFacingError('Cancelled.');
  const name = await ask('Connection name (letters, digits, . - * _)', prev?.name ?? '', {
    validate: (s) => (NAME_RE.test(s) ? undefined : 'Only letters, digits and . - * _'),
  });
  const keep = prev ? ' (leave empty to keep the stored one)' : '';
  if (type === 'Kafka') {
    const p = prev?.type === 'Kafka' ? prev : undefined;
    const bootstrapServers = await ask('Bootstrap servers (host:port, comma separated)', p?.bootstrapServers ?? '127.0.0.1:9092');
    const mech = await vscode.window.showQuickPick(['none', 'PLAIN', 'SCRAM-256', 'SCRAM-512'], { placeHolder: 'SASL mechanism', ignoreFocusOut: true });
    if (!mech) throw new UserFacingError('Cancelled.');
    const c: Connection = { name, type: 'Kafka', bootstrapServers };
    if (mech !== 'none') {
      const username = await ask('Username', p?.authentication?.username ?? '');
      const password = await ask(`Password${keep}`, '', { password: true, optional: !!prev });
      c.authentication = { mechanism: mech as 'PLAIN', username };
      if (password !== '') c.authentication.password = password;
      else if (p?.authentication?.password) c.authentication.password = p.authentication.password;
      c.security = { protocol: 'SASL_PLAINTEXT', ...p?.security };
    }
    return c;
  }
  if (type === 'Cluster') {
    const p = prev?.type === 'Cluster' ? prev : undefined;
    const uri = await ask(`MongoDB URI (mongodb://user:password@host:port)${keep}`, '', { optional: !!prev });
    return { name, type: 'Cluster', uri: uri !== '' ? uri : (p?.uri ?? '') };
  }
  const p = prev?.type === 'Https' ? prev : undefined;
  const url = await ask('URL', p?.url ?? 'https://');
  const auth = await ask(`Authorization header, if any${keep}`, '', { password: true, optional: true });
  const c: Connection = { name, type: 'Https', url };
  if (auth !== '') c.headers = { ...p?.headers, Authorization: auth };
  else if (p?.headers) c.headers = p.headers;
  return c;
}

function connectionOf(arg: unknown): { name: string } | undefined {
  const c = (arg as { connection?: { name?: unknown } } | undefined)?.connection;
  return typeof c?.name === 'string' ? (c as { name: string }) : typeof arg === 'string' ? { name: arg } : undefined;
}

export const connectionCommands: CommandTable = {
  'connections.add': async (ctx) => {
    const c = await wizard();
    await ctx.connections.save(c);
    ctx.refresh('connections');
    void vscode.window.showInformationMessage(`Connection ${c.name} saved; its secrets are in the editor's secret storage.`);
  },
  'connections.edit': async (ctx, arg) => {
    const target = connectionOf(arg);
    const entries = await ctx.connections.entries();
    const prev = entries.find((e) => e.name === target?.name);
    if (!prev) throw new UserFacingError('Only connections of the registry file can be edited.');
    const c = await wizard(prev);
    await ctx.connections.save(c, prev.name);
    ctx.refresh('connections');
  },
  'connections.test': async (ctx, arg) => {
    const target = connectionOf(arg);
    const name =
      target?.name ??
      (await vscode.window.showQuickPick((await ctx.rpc(P.listStreamConnections, {})).connections.map((c) => c.name), { placeHolder: 'Connection to test' }));
    if (!name) return undefined;
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${name}…` },
      () => ctx.rpc(P.testConnection, { name, timeoutMs: 10_000 }),
    );
    if (r.ok) void vscode.window.showInformationMessage(`${name}: ${r.message} (${r.latencyMs} ms)`);
    else void vscode.window.showErrorMessage(`${name}: ${r.message}`);
    return r;
  },
  'connections.refresh': (ctx) => ctx.refresh('connections'),
};
