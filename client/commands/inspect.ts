/** Tree refreshes, opening checkpoints and DLQ entries, and jumping to the stage of an entry. */
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, type CommandTable, type Ctx } from '../ctx';
import { processorNameFor, readPipelineFile, stageRange } from '../pipelineFile';
import { FILES_KEY } from './processors';
import { showJson } from './source';

interface StageTarget {
  run?: string;
  processor?: string;
  index: number;
  innerIndex?: number;
}

function stageTarget(arg: unknown): StageTarget {
  const entry = (arg as { entry?: P.DlqEntry } | undefined)?.entry;
  if (entry) {
    if (entry.stageIndex === undefined) throw new UserFacingError('This entry does not say which stage produced it.');
    const t: StageTarget = { processor: entry.processorName, index: entry.stageIndex };
    if (entry.innerStageIndex !== undefined) t.innerIndex = entry.innerStageIndex;
    return t;
  }
  const t = arg as StageTarget | undefined;
  if (t && typeof t.index === 'number') return t;
  throw new UserFacingError('Choose a DLQ entry or a stage first.');
}

/** The file a processor came from: remembered at create/modify, else the file that names it. */
async function fileOfProcessor(ctx: Ctx, name: string): Promise<vscode.Uri | undefined> {
  const known = ctx.extension.workspaceState.get<Record<string, string>>(FILES_KEY, {})[name];
  if (known) return vscode.Uri.parse(known);
  for (const uri of await vscode.workspace.findFiles('**/*.asp.json', '**/node_modules/**', 200)) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const r = readPipelineFile(text);
    if (r.ok && processorNameFor(r.file, uri.fsPath) === name) return uri;
  }
  return undefined;
}

export const inspectCommands: CommandTable = {
  'processors.refresh': (ctx) => ctx.refresh('processors'),
  'checkpoints.refresh': (ctx) => ctx.refresh('checkpoints'),
  'dlq.refresh': (ctx) => ctx.refresh('dlq'),
  'checkpoints.open': async (ctx, arg) => {
    const cp = (arg as { checkpoint?: P.CheckpointSummary } | undefined)?.checkpoint;
    if (!cp) throw new UserFacingError('Choose a checkpoint in the Checkpoints view.');
    await showJson(await ctx.rpc(P.getCheckpoint, { name: cp.processorName, checkpointId: cp.id }));
  },
  'dlq.open': async (_ctx, arg) => {
    const entry = (arg as { entry?: P.DlqEntry } | undefined)?.entry;
    if (!entry) throw new UserFacingError('Choose an entry in the Dead Letter Queue view.');
    await showJson(entry.record);
  },
  'dlq.gotoStage': async (ctx, arg) => {
    const t = stageTarget(arg);
    const uri = t.run ? ctx.runs.get(t.run)?.uri : t.processor ? await fileOfProcessor(ctx, t.processor) : undefined;
    if (!uri) throw new UserFacingError(`No .asp.json file found for ${t.run ?? t.processor ?? 'this entry'}.`);
    const doc = await vscode.workspace.openTextDocument(uri);
    const r = readPipelineFile(doc.getText());
    const range = r.ok ? stageRange(r.file, t.index, t.innerIndex) : undefined;
    if (!range) throw new UserFacingError(`${vscode.workspace.asRelativePath(uri)} has no stage ${t.index} any more.`);
    const start = doc.positionAt(range.offset);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(start, doc.positionAt(range.offset + range.length));
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return { uri: uri.toString(), line: start.line };
  },
};
