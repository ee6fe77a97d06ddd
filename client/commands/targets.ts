/**
 * Targets in the editor: pick the target (status bar), keep its credentials in SecretStorage,
 * diff the current file against the deployed processor in VS Code's diff view, deploy it (a
 * production target asks first), and the wire front door's password.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, WIRE_PASSWORD_KEY, type CommandTable, type Ctx } from '../ctx';
import type { DeployedDocs } from '../deployedDocs';
import { targetLook } from '../targetLaunch';
import { pipelineSource } from './source';

/** Set by main.ts: where the diff view's two sides live. */
export const deployedDocs: { current?: DeployedDocs } = {};

const isEnvRef = (v: string | undefined): boolean => v !== undefined && /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(v);

async function askCredentials(ctx: Ctx, target: P.TargetInfo): Promise<boolean> {
  const username = await vscode.window.showInputBox({ title: `Credentials for target ${target.name}`, prompt: 'User name', value: isEnvRef(target.username) ? '' : (target.username ?? ''), ignoreFocusOut: true });
  if (username === undefined || username === '') return false;
  const password = await vscode.window.showInputBox({ title: `Credentials for target ${target.name}`, prompt: `Password for ${username} (kept in the editor's secret storage)`, password: true, ignoreFocusOut: true });
  if (password === undefined || password === '') return false;
  await ctx.targets.setCredentials(target.name, { username, password });
  return true;
}

async function pickTarget(ctx: Ctx, placeHolder: string): Promise<P.TargetInfo | undefined> {
  const listed = await ctx.reloadTargets();
  ctx.targets.known = listed.targets;
  for (const e of listed.errors) ctx.log.warn(e);
  const items = listed.targets.map((t) => {
    const look = targetLook(t.environment);
    return { label: `${look.icon} ${t.name}`, description: t.name === ctx.targets.selected ? `${look.label} · current` : look.label, detail: t.connectionString ?? `the local instance (${ctx.config.stateDir})`, target: t };
  });
  const pick = await vscode.window.showQuickPick(items, { placeHolder: listed.errors.length ? `${placeHolder} (asp.targets.json has problems: see the ASP Studio log)` : placeHolder });
  return pick?.target;
}

/** The diff and deploy plan of the current file on the selected target. */
async function plan(ctx: Ctx, arg: unknown, noResume = false): Promise<{ reply: P.DeployPlanReply; params: P.DeployParams }> {
  const src = await pipelineSource(arg);
  const params: P.DeployParams = { target: ctx.targets.selected, text: src.document.getText(), file: src.uri.fsPath };
  if (noResume) params.noResume = true;
  return { reply: await ctx.rpc(P.planDeploy, params), params };
}

async function showDiff(reply: P.DeployPlanReply, file: string): Promise<void> {
  const docs = deployedDocs.current;
  if (!docs) throw new UserFacingError('The diff view is not ready.');
  const base = path.basename(file).replace(/\.asp\.json$/i, '');
  const left = docs.put(reply.target, `${reply.name}.deployed.json`, reply.deployedText ?? '');
  const right = docs.put(reply.target, `${base}.file.json`, reply.desiredText);
  const what = reply.deployedText === undefined ? 'not deployed yet' : `${reply.changes.length} change${reply.changes.length === 1 ? '' : 's'}`;
  await vscode.commands.executeCommand('vscode.diff', left, right, `${reply.name}: ${reply.target} ↔ ${path.basename(file)} (${what})`);
}

export const targetCommands: CommandTable = {
  selectTarget: async (ctx) => {
    const t = await pickTarget(ctx, 'Target for processor commands, the Processors view and Deploy');
    if (!t) return undefined;
    if (t.needsCredentials && !(await ctx.targets.credentials(t.name)) && !(await askCredentials(ctx, t))) {
      void vscode.window.showWarningMessage(`Target ${t.name} needs credentials; it stays unselected.`);
      return undefined;
    }
    await ctx.targets.select(t.name);
    return t.name;
  },
  setTargetCredentials: async (ctx, arg) => {
    const named = typeof arg === 'string' ? ctx.targets.known.find((t) => t.name === arg) : undefined;
    const t = named ?? (await pickTarget(ctx, 'Target to sign in to'));
    if (!t || t.name === 'local') return;
    if (await askCredentials(ctx, t)) void vscode.window.showInformationMessage(`Credentials for ${t.name} saved in the editor's secret storage.`);
  },
  diffProcessor: async (ctx, arg) => {
    const { reply, params } = await plan(ctx, arg);
    await showDiff(reply, params.file!);
    return reply;
  },
  deployProcessor: async (ctx, arg) => {
    const { reply, params } = await plan(ctx, arg);
    if (reply.action === 'none') {
      void vscode.window.showInformationMessage(reply.summary.join('\n'));
      return reply;
    }
    if (reply.refused) {
      const pick = await vscode.window.showWarningMessage(`${reply.name} on ${reply.target}: ${reply.refused}`, { modal: true }, 'Deploy without the checkpoint', 'Show Diff');
      if (pick === 'Show Diff') return showDiff(reply, params.file!);
      if (pick !== 'Deploy without the checkpoint') return reply;
      params.noResume = true;
    }
    const production = reply.environment === 'production';
    const steps = reply.action === 'create' ? 'create it' : reply.steps.join(' → ');
    const pick = await vscode.window.showWarningMessage(
      `Deploy ${reply.name} to ${production ? 'PRODUCTION target ' : 'target '}${reply.target}?`,
      { modal: true, detail: `${reply.summary.join('\n')}\n\nThis will ${steps}.` },
      'Deploy',
      'Show Diff',
    );
    if (pick === 'Show Diff') return showDiff(reply, params.file!);
    if (pick !== 'Deploy') return reply;
    const done = await ctx.rpc(P.applyDeploy, params);
    ctx.refreshProcessors();
    void vscode.window.showInformationMessage(`Deployed ${done.name} to ${done.target}: ${done.done.join(', ')}.`);
    return done;
  },
  setWirePassword: async (ctx) => {
    const password = await vscode.window.showInputBox({ title: 'Wire front door password', prompt: `SCRAM-SHA-256 password for ${ctx.config.wireUser || 'asp.wire.user'} (kept in the editor's secret storage)`, password: true, ignoreFocusOut: true });
    if (password === undefined) return;
    if (password === '') await ctx.extension.secrets.delete(WIRE_PASSWORD_KEY);
    else await ctx.extension.secrets.store(WIRE_PASSWORD_KEY, password);
    if (ctx.config.wireListen !== '' && ctx.engine.isRunning) await vscode.commands.executeCommand('asp.restartEngine');
  },
};
