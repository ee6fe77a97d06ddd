/** Run, Debug, Stop and Validate: ephemeral runs of the current file on the local instance. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, type CommandTable, type Ctx } from '../ctx';
import { processorNameFor } from '../pipelineFile';
import { pipelineSource } from './source';
import { sourceTsField } from '../panel/histogram';
import { errorMessage } from '../../engine/core/errors';

async function startRun(ctx: Ctx, debug: boolean, sinks: P.SinkMode | undefined, arg: unknown): Promise<string> {
  const src = await pipelineSource(arg);
  const controls = ctx.config.runControls(debug, sinks);
  // One run per file at a time: a second Run replaces the first.
  for (const r of ctx.activeRuns()) {
    if (r.uri.toString() === src.uri.toString()) await ctx.stopRun(r.name).catch(() => undefined);
  }
  const name = `${processorNameFor(src.file, src.uri.fsPath)}.${debug ? 'debug' : 'run'}-${Date.now().toString(36)}`;
  ctx.registerRun({ name, uri: src.uri, file: src.file, debug });
  ctx.observed.begin(name, src.uri.toString(), src.file.pipeline, debug);
  ctx.panel.beginRun(name, `${debug ? 'Debug' : 'Run'} ${path.basename(src.uri.fsPath)}`, debug, controls.sinks ?? 'capture', sourceTsField(src.file.pipeline));
  const params: P.ProcessParams = { pipeline: src.file.pipeline, name, file: src.uri.fsPath, run: controls };
  if (src.file.options) params.options = src.file.options as P.ProcessorOptions;
  try {
    await ctx.rpc(P.processStreamProcessor, params);
  } catch (e) {
    const run = ctx.runs.get(name);
    ctx.observed.drop(name);
    const ended: P.RunEndedParams = { name, reason: 'failed', error: errorMessage(e), counts: { input: 0, output: 0, dlq: 0 } };
    if (run) run.ended = ended;
    ctx.panel.endRun(ended);
    throw e;
  }
  return name;
}

export const runCommands: CommandTable = {
  run: (ctx, arg) => startRun(ctx, false, undefined, arg),
  runReal: async (ctx, arg) => {
    const ok = await vscode.window.showWarningMessage(
      'Run with the real sinks? $merge and $emit will write to their connections.',
      { modal: true },
      'Run and Write',
    );
    return ok ? startRun(ctx, false, 'real', arg) : undefined;
  },
  debug: (ctx, arg) => startRun(ctx, true, undefined, arg),
  stop: async (ctx, arg) => {
    const name = typeof arg === 'string' ? arg : undefined;
    const targets = name ? [name] : ctx.activeRuns().map((r) => r.name);
    if (targets.length === 0) throw new UserFacingError('No run is in progress.');
    for (const t of targets) await ctx.stopRun(t);
  },
  validate: async (ctx, arg) => {
    const src = await pipelineSource(arg);
    const reply = await ctx.rpc(P.validate, { text: src.document.getText(), file: src.uri.fsPath });
    const errors = reply.diagnostics.filter((d) => d.severity === 'error');
    const base = path.basename(src.uri.fsPath);
    if (reply.diagnostics.length === 0) {
      void vscode.window.showInformationMessage(`${base}: no problems found.`);
    } else {
      const first = reply.diagnostics[0]!;
      void vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showWarningMessage(
        `${base}: ${errors.length} error(s), ${reply.diagnostics.length - errors.length} other. First: ${first.line}:${first.col} ${first.message}`,
      );
    }
    return reply.diagnostics;
  },
  'walkthrough.newFile': async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const content = JSON.stringify(
      {
        name: 'demo',
        pipeline: [
          { $source: { connectionName: 'sample_stream_solar' } },
          { $match: { 'obs.watts': { $gt: 100 } } },
          { $merge: { into: { connectionName: 'local', db: 'demo', coll: 'solar' } } },
        ],
      },
      null,
      2,
    );
    if (!folder) {
      const doc = await vscode.workspace.openTextDocument({ language: 'asp-json', content });
      await vscode.window.showTextDocument(doc);
      return;
    }
    const uri = vscode.Uri.joinPath(folder.uri, 'demo.asp.json');
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(content + '\n', 'utf8'));
    }
    await vscode.window.showTextDocument(uri);
  },
};
