/** Create / start / stop / drop / modify / stats / sample of named processors, on the selected target. */
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, type CommandTable, type Ctx } from '../ctx';
import { processorNameFor } from '../pipelineFile';
import { pipelineSource, showJson } from './source';

/** Where a processor's file is, so DLQ entries can jump to its stages. */
export const FILES_KEY = 'asp.processorFiles';

async function rememberFile(ctx: Ctx, name: string, uri: vscode.Uri): Promise<void> {
  const map = ctx.extension.workspaceState.get<Record<string, string>>(FILES_KEY, {});
  await ctx.extension.workspaceState.update(FILES_KEY, { ...map, [name]: uri.toString() });
}

/** The processor a command acts on: a tree item, a name, or the user's pick. */
export async function processorName(ctx: Ctx, arg: unknown, placeHolder = 'Processor'): Promise<string> {
  if (typeof arg === 'string') return arg;
  const fromItem = (arg as { processor?: { name?: unknown } } | undefined)?.processor?.name;
  if (typeof fromItem === 'string') return fromItem;
  const { streamProcessors } = await ctx.processorsRpc(P.listStreamProcessors, {});
  if (streamProcessors.length === 0) throw new UserFacingError(`${ctx.targets.selected === 'local' ? 'The local instance' : `Target ${ctx.targets.selected}`} has no processors yet.`);
  const pick = await vscode.window.showQuickPick(
    streamProcessors.map((p) => ({ label: p.name, description: p.state })),
    { placeHolder },
  );
  if (!pick) throw new UserFacingError('No processor chosen.');
  return pick.label;
}

async function sample(ctx: Ctx, name: string): Promise<void> {
  const run = `${name}.sample-${Date.now().toString(36)}`;
  const maxDocs = ctx.config.runMaxDocs;
  const deadline = Date.now() + ctx.config.runMaxMs;
  const { cursorId } = await ctx.processorsRpc(P.startSampleStreamProcessor, { name, limit: maxDocs });
  let cursor = cursorId;
  let seen = 0;
  let stopped = false;
  ctx.cancellers.set(run, () => (stopped = true));
  ctx.panel.beginRun(run, `Sample ${name}`, false, 'processor');
  try {
    while (cursor !== 0 && !stopped && seen < maxDocs && Date.now() < deadline) {
      const more = await ctx.processorsRpc(P.getMoreSampleStreamProcessor, { name, cursorId: cursor, batchSize: 500 });
      cursor = more.cursorId;
      if (more.messages.length > 0) {
        seen += more.messages.length;
        ctx.panel.append(run, more.messages);
      } else {
        // Atlas's clients wait on an empty batch too; polling faster only burns CPU.
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    ctx.cancellers.delete(run);
    ctx.panel.endRun({ name: run, reason: stopped ? 'stopped' : seen >= maxDocs ? 'limit' : cursor === 0 ? 'drained' : 'timeout', counts: { input: seen, output: seen, dlq: 0 } });
  }
}

export const processorCommands: CommandTable = {
  createProcessor: async (ctx, arg) => {
    const src = await pipelineSource(arg);
    const name = processorNameFor(src.file, src.uri.fsPath);
    const params: P.CreateParams = { name, pipeline: src.file.pipeline, file: src.uri.fsPath };
    if (src.file.options) params.options = src.file.options as P.ProcessorOptions;
    await ctx.processorsRpc(P.createStreamProcessor, params);
    await rememberFile(ctx, name, src.uri);
    ctx.refreshProcessors();
    // Not awaited: the command is done once the processor exists, whether or not anyone clicks.
    void vscode.window.showInformationMessage(`Processor ${name} created.`, 'Start').then((pick) => {
      if (pick === 'Start') void vscode.commands.executeCommand('asp.startProcessor', name);
    });
    return name;
  },
  startProcessor: async (ctx, arg) => {
    const name = await processorName(ctx, arg, 'Processor to start');
    await ctx.processorsRpc(P.startStreamProcessor, { name });
    ctx.refreshProcessors();
  },
  stopProcessor: async (ctx, arg) => {
    const name = await processorName(ctx, arg, 'Processor to stop');
    await ctx.processorsRpc(P.stopStreamProcessor, { name });
    ctx.refreshProcessors();
  },
  dropProcessor: async (ctx, arg) => {
    const name = await processorName(ctx, arg, 'Processor to drop');
    const sure = await vscode.window.showWarningMessage(`Drop processor ${name} with its checkpoints?`, { modal: true }, 'Drop');
    if (sure !== 'Drop') return;
    await ctx.processorsRpc(P.dropStreamProcessor, { name });
    ctx.refreshProcessors();
  },
  modifyProcessor: async (ctx, arg) => {
    const src = await pipelineSource(arg instanceof vscode.Uri ? arg : undefined);
    const name = arg instanceof vscode.Uri || arg === undefined ? processorNameFor(src.file, src.uri.fsPath) : await processorName(ctx, arg);
    const params: P.ModifyParams = { name, pipeline: src.file.pipeline, file: src.uri.fsPath };
    const dlq = (src.file.options as P.ProcessorOptions | undefined)?.dlq;
    if (dlq) params.dlq = dlq;
    await ctx.processorsRpc(P.modifyStreamProcessor, params);
    await rememberFile(ctx, name, src.uri);
    ctx.refreshProcessors();
    void vscode.window.showInformationMessage(`Processor ${name} modified.`);
  },
  stats: async (ctx, arg) => {
    const name = await processorName(ctx, arg, 'Processor');
    await showJson(await ctx.processorsRpc(P.getStreamProcessorStats, { name, verbose: true }));
  },
  sample: async (ctx, arg) => sample(ctx, await processorName(ctx, arg, 'Processor to sample')),
};
