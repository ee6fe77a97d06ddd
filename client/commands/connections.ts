/**
 * Add, edit and test connections of the registry file (secrets go to SecretStorage). The form
 * is the connection kind's (client/connectionForm.ts); this file only puts it on screen.
 */
import * as vscode from 'vscode';
import type { Connection } from '../../engine/connections/types';
import * as P from '../../shared/protocol';
import { NAME_RE } from '../../engine/connectors/catalog/index';
import { fillForm, FormCancelled, formTypes, type FormStep } from '../connectionForm';
import { UserFacingError, type CommandTable } from '../ctx';

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

/** One form step on screen: a pick list, a password box or a text box. */
async function askStep(step: FormStep): Promise<string | undefined> {
  if (step.input === 'pick') {
    const picked = await vscode.window.showQuickPick(step.options ?? [], { placeHolder: step.prompt, ignoreFocusOut: true });
    return picked?.label;
  }
  const hint = step.keep ? ' (leave empty to keep the stored one)' : step.optional ? ' (optional)' : '';
  const extra = step.input === 'list' ? ', comma separated' : '';
  return vscode.window.showInputBox({
    prompt: `${step.prompt}${extra}${hint}`,
    value: step.value,
    password: step.input === 'secret',
    ignoreFocusOut: true,
    validateInput: (s) => (!step.optional && !step.keep && s.trim() === '' ? 'Required' : undefined),
  });
}

/** The add/edit wizard; `prev` prefills an edit. Secret fields start empty ("keep" when left empty). */
async function wizard(prev?: Connection): Promise<Connection> {
  const type = prev?.type ?? (await vscode.window.showQuickPick(formTypes(), { placeHolder: 'Connection type', ignoreFocusOut: true }))?.label;
  if (!type) throw new UserFacingError('Cancelled.');
  const name = await ask('Connection name (letters, digits, . - * _)', prev?.name ?? '', {
    validate: (s) => (NAME_RE.test(s) ? undefined : 'Only letters, digits and . - * _'),
  });
  try {
    return await fillForm(type, name, prev, askStep);
  } catch (e) {
    if (e instanceof FormCancelled) throw new UserFacingError('Cancelled.');
    throw e;
  }
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
