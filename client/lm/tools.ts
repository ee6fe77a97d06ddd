/**
 * Language-model tools (package.json `contributes.languageModelTools`): validate a pipeline,
 * preview it on the local engine with a per-stage capture, and run its fixture tests. They make
 * the same calls as Validate, Debug and the Test Explorer, against the local instance only; a
 * preview that would write to real sinks, read a live connection or call out asks the user first.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import { UserFacingError, type Ctx } from '../ctx';
import { processorNameFor, readPipelineFile } from '../pipelineFile';
import { runToEnd } from '../boundedRun';
import { fixtureFileFor, isFixtureFile } from '../testing/fixtureText';
import type { PipelineTests } from '../testing/controller';
import { errorMessage } from '../../engine/core/errors';
import { diagnosticsText, previewText, runRisks } from './report';

export const TOOL_NAMES = { validate: 'asp_validatePipeline', preview: 'asp_previewPipeline', tests: 'asp_runPipelineTests' } as const;

export interface PipelineInput {
  /** An .asp.json file, absolute or relative to the workspace folder. */
  file?: string;
  /** Pipeline JSON text (an array or a processor document), instead of a file. */
  pipeline?: string;
}

export interface PreviewInput extends PipelineInput {
  maxDocs?: number;
  maxMs?: number;
  perStage?: number;
  realSinks?: boolean;
}

const LIMITS = { maxDocs: [20, 1, 200], maxMs: [10_000, 100, 30_000], perStage: [5, 1, 20] } as const;

function bounded(v: unknown, [dflt, min, max]: readonly [number, number, number]): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : dflt;
}

function resolveFile(file: string): vscode.Uri {
  if (path.isAbsolute(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserFacingError(`${file} is relative but no workspace folder is open.`);
  return vscode.Uri.joinPath(folder.uri, file);
}

/** The pipeline a tool works on: text given, a file (its unsaved editor text when open), or the active pipeline editor. */
async function pipelineOf(input: PipelineInput): Promise<{ uri: vscode.Uri; label: string; text: string }> {
  if (typeof input.pipeline === 'string' && input.pipeline.trim() !== '') {
    return { uri: vscode.Uri.parse('untitled:preview.asp.json'), label: 'the given pipeline', text: input.pipeline };
  }
  let uri: vscode.Uri | undefined;
  if (typeof input.file === 'string' && input.file !== '') uri = resolveFile(input.file);
  else {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId === 'asp-json') uri = doc.uri;
  }
  if (!uri) throw new UserFacingError('Name an .asp.json file ("file") or give the pipeline JSON ("pipeline").');
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    throw new UserFacingError(`Cannot open ${uri.fsPath}.`);
  }
  return { uri, label: vscode.workspace.asRelativePath(uri), text: doc.getText() };
}

const text = (s: string): vscode.LanguageModelToolResult => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);

/** A failure the model can read and act on, never a stack trace. */
async function answer(fn: () => Promise<string>): Promise<vscode.LanguageModelToolResult> {
  try {
    return text(await fn());
  } catch (e) {
    return text(`Error: ${errorMessage(e)}`);
  }
}

export class ValidateTool implements vscode.LanguageModelTool<PipelineInput> {
  constructor(private readonly ctx: Ctx) {}

  prepareInvocation(o: vscode.LanguageModelToolInvocationPrepareOptions<PipelineInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Validating ${o.input.file ?? 'the pipeline'} with ASP Studio` };
  }

  invoke(o: vscode.LanguageModelToolInvocationOptions<PipelineInput>): Promise<vscode.LanguageModelToolResult> {
    return answer(async () => {
      const p = await pipelineOf(o.input);
      const reply = await this.ctx.rpc(P.validate, { text: p.text, file: p.uri.scheme === 'file' ? p.uri.fsPath : undefined });
      return diagnosticsText(p.label, reply.diagnostics);
    });
  }
}

export class PreviewTool implements vscode.LanguageModelTool<PreviewInput> {
  private seq = 0;
  constructor(private readonly ctx: Ctx) {}

  async prepareInvocation(o: vscode.LanguageModelToolInvocationPrepareOptions<PreviewInput>): Promise<vscode.PreparedToolInvocation> {
    const maxDocs = bounded(o.input.maxDocs, LIMITS.maxDocs);
    const maxMs = bounded(o.input.maxMs, LIMITS.maxMs);
    const invocationMessage = `Previewing ${o.input.file ?? 'the pipeline'} on the local engine (at most ${maxDocs} documents, ${maxMs / 1000} s)`;
    let pipeline: unknown[] = [];
    try {
      const read = readPipelineFile((await pipelineOf(o.input)).text);
      if (read.ok) pipeline = read.file.pipeline;
    } catch {
      // invoke reports a missing file; there is nothing to confirm.
    }
    const risks = runRisks(pipeline, o.input.realSinks === true);
    if (risks.length === 0) return { invocationMessage };
    const message = new vscode.MarkdownString(`This preview runs on this machine's local engine and:\n\n${risks.map((r) => `- ${r}`).join('\n')}\n\nRun it?`);
    return { invocationMessage, confirmationMessages: { title: o.input.realSinks ? 'Run the pipeline with its real sinks?' : 'Run the pipeline against live connections?', message } };
  }

  invoke(o: vscode.LanguageModelToolInvocationOptions<PreviewInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return answer(async () => {
      const p = await pipelineOf(o.input);
      const file = p.uri.scheme === 'file' ? p.uri.fsPath : undefined;
      const { diagnostics } = await this.ctx.rpc(P.validate, { text: p.text, file, ephemeral: true });
      const sinks: P.SinkMode = o.input.realSinks === true ? 'real' : 'capture';
      const read = readPipelineFile(p.text);
      if (!read.ok || diagnostics.some((d) => d.severity === 'error')) return previewText({ pipeline: p.label, diagnostics, sinks });
      const perStage = bounded(o.input.perStage, LIMITS.perStage);
      const controls: P.RunControls = { sinks, maxDocs: bounded(o.input.maxDocs, LIMITS.maxDocs), maxMs: bounded(o.input.maxMs, LIMITS.maxMs), stream: true, debug: { perStage }, record: {} };
      const name = `${processorNameFor(read.file, p.uri.path)}.preview-${Date.now().toString(36)}-${++this.seq}`;
      const run = await runToEnd(this.ctx, { name, uri: p.uri, file: read.file, pipeline: read.file.pipeline, controls, label: `Preview ${p.label} (language model tool)` }, token);
      return previewText({ pipeline: p.label, diagnostics, ended: run.ended, sinks, trace: run.trace });
    });
  }
}

export interface TestsInput {
  /** A fixture (*.asp.test.json) or a pipeline file whose fixture sits next to it. */
  file?: string;
}

export class TestsTool implements vscode.LanguageModelTool<TestsInput> {
  constructor(private readonly tests: PipelineTests) {}

  prepareInvocation(o: vscode.LanguageModelToolInvocationPrepareOptions<TestsInput>): vscode.PreparedToolInvocation {
    return { invocationMessage: `Running the pipeline tests of ${o.input.file ?? 'the open fixture'}` };
  }

  invoke(o: vscode.LanguageModelToolInvocationOptions<TestsInput>): Promise<vscode.LanguageModelToolResult> {
    return answer(async () => {
      let uri = o.input.file ? resolveFile(o.input.file) : vscode.window.activeTextEditor?.document.uri;
      if (!uri) throw new UserFacingError('Name a *.asp.test.json fixture or an .asp.json pipeline ("file").');
      if (!isFixtureFile(uri.path)) uri = vscode.Uri.file(fixtureFileFor(uri.fsPath));
      const file = await this.tests.refresh(uri);
      if (!file) throw new UserFacingError(`${vscode.workspace.asRelativePath(uri)} does not exist: there are no tests for this pipeline yet.`);
      const items: vscode.TestItem[] = [];
      file.children.forEach((c) => items.push(c));
      if (items.length === 0) throw new UserFacingError(`${vscode.workspace.asRelativePath(uri)} has no readable tests${typeof file.error === 'string' ? `: ${file.error}` : ''}.`);
      await this.tests.runItems(items);
      const results = items.map((i) => this.tests.last.get(i.id));
      const passed = results.filter((r) => r?.state === 'passed').length;
      const lines = results.map((r, i) => r?.result?.report ?? `  ? ${items[i]!.label}: ${r?.messages[0]?.message.toString() ?? 'did not run'}`);
      return `${vscode.workspace.asRelativePath(uri)}\n${lines.join('\n')}\n\n${passed} passed, ${results.length - passed} failed`;
    });
  }
}

export interface LmTools {
  validate: ValidateTool;
  preview: PreviewTool;
  tests: TestsTool;
}

/** Registers the tools; their names and input schemas are declared in package.json. */
export function registerLmTools(ctx: Ctx, tests: PipelineTests): LmTools {
  const tools: LmTools = { validate: new ValidateTool(ctx), preview: new PreviewTool(ctx), tests: new TestsTool(tests) };
  try {
    ctx.extCleanup(
      vscode.lm.registerTool(TOOL_NAMES.validate, tools.validate),
      vscode.lm.registerTool(TOOL_NAMES.preview, tools.preview),
      vscode.lm.registerTool(TOOL_NAMES.tests, tools.tests),
    );
  } catch (e) {
    ctx.log.warn(`The language-model tools are not available in this editor: ${errorMessage(e)}`);
  }
  return tools;
}
