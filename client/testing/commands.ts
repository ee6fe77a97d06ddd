/**
 * The pipeline-test commands: Update Snapshot (rewrite failing tests' expectations with the
 * engine's update), Save as Test (the last run's recorded input and output as a new test next to
 * the pipeline) and Capture Input (N documents from a live source into a fixture or into the
 * pipeline's `$source.documents`, as an edit Undo takes back).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, type CommandTable, type Ctx, type RunInfo } from '../ctx';
import { processorNameFor } from '../pipelineFile';
import { pipelineSource } from '../commands/source';
import { runToEnd } from '../boundedRun';
import { fixtureFileFor, sourceDocumentsEdit } from './fixtureText';
import { testsOf, type PipelineTests } from './controller';
import { openText, revealTest, writeFixtureText } from './writeFixture';

const MAX_CAPTURE = 10_000;

/** The test items a command was invoked on: an item (or several), a failure message's test, or the failed tests of the open fixture. */
function targetItems(tests: PipelineTests, args: unknown[]): vscode.TestItem[] {
  const items: vscode.TestItem[] = [];
  for (const a of args) {
    const test = (a as { test?: vscode.TestItem })?.test ?? a;
    if (test && typeof test === 'object' && 'id' in test && 'children' in test) items.push(test as vscode.TestItem);
    else if (Array.isArray(a)) items.push(...targetItems(tests, a));
  }
  if (items.length) return items.flatMap((i) => (i.parent ? [i] : childrenOf(i)));
  const uri = vscode.window.activeTextEditor?.document.uri;
  const file = uri && tests.controller.items.get(uri.toString());
  if (!file) throw new UserFacingError('Choose a test in the Test Explorer, or open a *.asp.test.json fixture.');
  return childrenOf(file).filter((c) => tests.last.get(c.id)?.state === 'failed');
}

function childrenOf(file: vscode.TestItem): vscode.TestItem[] {
  const out: vscode.TestItem[] = [];
  file.children.forEach((c) => out.push(c));
  return out;
}

async function updateSnapshot(ctx: Ctx, ...args: unknown[]): Promise<{ updated: number }> {
  const tests = testsOf(ctx);
  const items = targetItems(tests, args);
  if (items.length === 0) throw new UserFacingError('No failed test to update: run the tests first.');
  const byFile = new Map<string, { uri: vscode.Uri; only: number[] }>();
  for (const i of items) {
    const index = tests.index(i);
    if (!i.uri || index === undefined) continue;
    const g = byFile.get(i.uri.toString()) ?? { uri: i.uri, only: [] };
    g.only.push(index);
    byFile.set(i.uri.toString(), g);
  }
  let updated = 0;
  const rerun: vscode.TestItem[] = [];
  for (const { uri, only } of byFile.values()) {
    const reply = await ctx.rpc(P.runFixture, { file: uri.fsPath, text: openText(uri), only, update: true });
    if (!reply.updatedText) continue;
    await writeFixtureText(uri, reply.updatedText);
    await tests.refresh(uri, reply.updatedText);
    updated += reply.updated?.length ?? 0;
    for (const i of only) {
      const item = tests.itemFor(uri, i);
      if (item) rerun.push(item);
    }
  }
  if (updated === 0) {
    void vscode.window.showInformationMessage('Nothing to update: the tests pass, or could not run (see their messages).');
    return { updated };
  }
  await tests.runItems(rerun);
  void vscode.window.showInformationMessage(`Updated the expected output of ${updated} test${updated === 1 ? '' : 's'} from what they produced: review the change before committing it.`);
  return { updated };
}

/** The newest ended run the user could mean. */
function lastRun(ctx: Ctx, name: unknown): RunInfo {
  if (typeof name === 'string') {
    const r = ctx.runs.get(name);
    if (!r) throw new UserFacingError(`No run named ${name}.`);
    return r;
  }
  const ended = [...ctx.runs.values()].filter((r) => r.ended && !/\.debug-test-\d+$/.test(r.name));
  const r = ended[ended.length - 1];
  if (!r) throw new UserFacingError('No run to save yet: Run a pipeline first.');
  return r;
}

async function savedPipeline(uri: vscode.Uri): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (!doc.isDirty) return;
  const ok = await vscode.window.showWarningMessage(`${path.basename(uri.fsPath)} has unsaved changes; the test will run the saved file.`, { modal: true }, 'Save and Continue');
  if (ok !== 'Save and Continue') throw new UserFacingError('Save as Test cancelled.');
  await doc.save();
}

async function askName(given: string | undefined, value: string, prompt: string): Promise<string> {
  if (given) return given;
  const name = await vscode.window.showInputBox({ prompt, value, validateInput: (v) => (v.trim() ? undefined : 'A test needs a name') });
  if (!name) throw new UserFacingError('Cancelled: the test needs a name.');
  return name.trim();
}

interface Written {
  uri: string;
  index: number;
  passed: boolean;
  warnings: string[];
}

/** Write the fixture, show it in the Test Explorer and run the new test. */
async function writeAndRun(ctx: Ctx, fixture: vscode.Uri, text: string, index: number): Promise<{ passed: boolean; item?: vscode.TestItem }> {
  const tests = testsOf(ctx);
  await writeFixtureText(fixture, text);
  await tests.refresh(fixture, text);
  const item = tests.itemFor(fixture, index);
  if (!item) return { passed: false };
  await tests.runItems([item]);
  await revealTest(fixture, item.range);
  return { passed: tests.last.get(item.id)?.state === 'passed', item };
}

async function saveAsTest(ctx: Ctx, name?: unknown, opts?: unknown): Promise<Written> {
  const run = lastRun(ctx, name);
  if (!run.ended) throw new UserFacingError(`${run.name} is still running: stop it first.`);
  if (run.ended.reason === 'failed') throw new UserFacingError(`${run.name} failed, so it has no output to save.`);
  if (run.uri.scheme !== 'file') throw new UserFacingError('Save the pipeline to a file first: the test names its file.');
  await savedPipeline(run.uri);
  const fixture = vscode.Uri.file(fixtureFileFor(run.uri.fsPath));
  const base = path.basename(run.uri.fsPath);
  const testName = await askName((opts as { testName?: string } | undefined)?.testName, `${base}: run of ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`, `Name of the test saved to ${path.basename(fixture.fsPath)}`);
  const made = await ctx.rpc(P.fixtureFromRun, { name: run.name, fixtureFile: fixture.fsPath, existingText: openText(fixture), testName, pipeline: base, expect: 'run' });
  const { passed, item } = await writeAndRun(ctx, fixture, made.text, made.index);
  const where = `${item?.label ?? testName} in ${path.basename(fixture.fsPath)}`;
  const note = made.warnings.length ? ` Note: ${made.warnings.join('; ')}.` : '';
  if (passed) void vscode.window.showInformationMessage(`Saved test ${where} (${made.events} input documents); it passes.${note}`);
  else void vscode.window.showWarningMessage(`Saved test ${where}, but it does not pass yet: see the Test Explorer.${note}`);
  return { uri: fixture.toString(), index: made.index, passed, warnings: made.warnings };
}

interface CaptureOptions {
  count?: number;
  target?: 'fixture' | 'source';
  testName?: string;
}

async function askCount(given: number | undefined): Promise<number> {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1 || given > MAX_CAPTURE) throw new UserFacingError(`Capture between 1 and ${MAX_CAPTURE} documents.`);
    return given;
  }
  const v = await vscode.window.showInputBox({
    prompt: 'How many documents to capture from the source',
    value: '10',
    validateInput: (s) => (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_CAPTURE ? undefined : `A whole number from 1 to ${MAX_CAPTURE}`),
  });
  if (!v) throw new UserFacingError('Capture cancelled.');
  return Number(v);
}

async function askTarget(given: CaptureOptions['target'], fixture: string): Promise<'fixture' | 'source'> {
  if (given) return given;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Into a test fixture', description: fixture, target: 'fixture' as const },
      { label: 'Into $source.documents', description: 'replaces the source in the editor; Undo restores it', target: 'source' as const },
    ],
    { placeHolder: 'Where should the captured documents go?' },
  );
  if (!pick) throw new UserFacingError('Capture cancelled.');
  return pick.target;
}

async function captureInput(ctx: Ctx, arg?: unknown, optsArg?: unknown): Promise<{ captured: number; target: 'fixture' | 'source'; uri: string }> {
  const opts = (optsArg ?? {}) as CaptureOptions;
  const src = await pipelineSource(arg);
  const source = src.file.pipeline[0] as { $source?: Record<string, unknown> } | undefined;
  if (!source?.$source) throw new UserFacingError('The pipeline does not start with a $source stage.');
  if (source.$source['documents'] !== undefined) throw new UserFacingError('This $source already holds its documents: there is no live source to capture from.');
  const fixture = vscode.Uri.file(fixtureFileFor(src.uri.fsPath));
  const count = await askCount(opts.count);
  const target = await askTarget(opts.target, path.basename(fixture.fsPath));
  const name = `${processorNameFor(src.file, src.uri.fsPath)}.capture-${Date.now().toString(36)}`;
  const label = `Capture ${count} from ${path.basename(src.uri.fsPath)}`;
  const controls: P.RunControls = { sinks: 'capture', maxDocs: count, maxMs: ctx.config.runMaxMs, stream: true, record: { maxEvents: count } };
  const before = src.document.getText();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Capturing ${count} documents from the source of ${path.basename(src.uri.fsPath)}`, cancellable: true },
    (_, token) => runToEnd(ctx, { name, uri: src.uri, file: src.file, pipeline: [source], controls, label }, token),
  );
  const rec = await ctx.rpc(P.getRunRecording, { name, documentsIndent: '' });
  if (rec.events.length === 0) throw new UserFacingError(`No documents arrived from the source within ${ctx.config.runMaxMs} ms (asp.run.maxMs).`);
  if (target === 'source') {
    const doc = await vscode.workspace.openTextDocument(src.uri);
    if (doc.getText() !== before) throw new UserFacingError('The pipeline changed during the capture; capture again.');
    const events = rec.events;
    const edit = sourceDocumentsEdit(doc.getText(), (indent) => indentLines(rec.documentsText ?? JSON.stringify(events.map((e) => e.doc)), indent));
    if ('error' in edit) throw new UserFacingError(`${path.basename(src.uri.fsPath)}: ${edit.error}.`);
    const we = new vscode.WorkspaceEdit();
    we.replace(src.uri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.length)), edit.text);
    if (!(await vscode.workspace.applyEdit(we))) throw new UserFacingError(`Could not edit ${path.basename(src.uri.fsPath)}.`);
    void vscode.window.showInformationMessage(`Captured ${rec.events.length} documents into $source.documents of ${path.basename(src.uri.fsPath)} (not saved; Undo restores the source).`);
    return { captured: rec.events.length, target, uri: src.uri.toString() };
  }
  const testName = opts.testName ?? `${rec.events.length} documents captured ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
  const made = await ctx.rpc(P.fixtureFromRun, { name, fixtureFile: fixture.fsPath, existingText: openText(fixture), testName, pipeline: path.basename(src.uri.fsPath), expect: 'none' });
  const filled = await ctx.rpc(P.runFixture, { file: fixture.fsPath, text: made.text, only: [made.index], update: true });
  await writeAndRun(ctx, fixture, filled.updatedText ?? made.text, made.index);
  void vscode.window.showInformationMessage(`Captured ${rec.events.length} documents into ${path.basename(fixture.fsPath)}; the expected output is what the pipeline produces from them now: review it.`);
  return { captured: rec.events.length, target, uri: fixture.toString() };
}

/** Continuation lines of a printed array at `indent` (the daemon printed it at column 0). */
function indentLines(text: string, indent: string): string {
  return text.replace(/\n/g, `\n${indent}`);
}

export const testingCommands: CommandTable = {
  'testing.updateSnapshot': (ctx, ...args) => updateSnapshot(ctx, ...args),
  'testing.saveAsTest': (ctx, name, opts) => saveAsTest(ctx, name, opts),
  'testing.captureInput': (ctx, arg, opts) => captureInput(ctx, arg, opts),
};
