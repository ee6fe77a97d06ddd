/**
 * Pipeline tests in the Test Explorer: every `*.asp.test.json` fixture and each test in it,
 * found on start and kept current as fixtures are opened, edited (unsaved text counts), created
 * and deleted. Run and Debug profiles run tests in the local instance with the engine's fixture
 * runner (asp/runFixture, the runner `asp test` uses), so the extension host loads no driver;
 * Debug keeps the same per-stage capture as the Debug command and shows it in the output panel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as P from '../../shared/protocol';
import type { Ctx, RunInfo } from '../ctx';
import { readPipelineFile } from '../pipelineFile';
import { errorMessage } from '../../engine/core/errors';
import { FIXTURE_SUFFIX, isFixtureFile, testIds } from './fixtureText';
import { failureMessages, problemMessages, rangeOf } from './messages';

const GLOB = `**/*${FIXTURE_SUFFIX}`;
const EXCLUDE = '{**/node_modules/**,**/.asp/**,**/out/**,**/dist/**}';

/** The outcome of a test's last run, for update snapshot and for the end-to-end suite. */
export interface LastResult {
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  result?: P.FixtureTestResult;
  messages: vscode.TestMessage[];
}

const byCtx = new WeakMap<Ctx, PipelineTests>();

/** The Test Explorer side of a context (the testing commands reach it through this). */
export function testsOf(ctx: Ctx): PipelineTests {
  const t = byCtx.get(ctx);
  if (!t) throw new Error('the pipeline tests are not set up');
  return t;
}

export class PipelineTests implements vscode.Disposable {
  readonly controller: vscode.TestController;
  readonly runProfile: vscode.TestRunProfile;
  readonly debugProfile: vscode.TestRunProfile;
  readonly last = new Map<string, LastResult>();
  /** Test index of each test item. */
  private readonly indexOf = new WeakMap<vscode.TestItem, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ranEmitter = new vscode.EventEmitter<vscode.TestItem[]>();
  /** Fires after a test run ended, with the tests it ran. */
  readonly onDidRun = this.ranEmitter.event;
  private debugSeq = 0;

  constructor(private readonly ctx: Ctx) {
    byCtx.set(ctx, this);
    const c = vscode.tests.createTestController('asp.pipelineTests', 'ASP Pipeline Tests');
    this.controller = c;
    c.resolveHandler = async (item) => {
      if (item) await this.refresh(item.uri!);
      else await this.discover();
    };
    c.refreshHandler = () => this.discover();
    this.runProfile = c.createRunProfile('Run', vscode.TestRunProfileKind.Run, (req, token) => this.run(req, token, false), true);
    this.debugProfile = c.createRunProfile('Debug (per-stage capture)', vscode.TestRunProfileKind.Debug, (req, token) => this.run(req, token, true), true);
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      c,
      this.ranEmitter,
      watcher,
      watcher.onDidCreate((uri) => void this.refresh(uri)),
      watcher.onDidChange((uri) => {
        if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) void this.refresh(uri);
      }),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidOpenTextDocument((d) => isFixtureFile(d.uri.path) && void this.refresh(d.uri, d.getText())),
      // A change without content changes is a dirty-state change (a save, or the file deleted under
      // the editor): nothing to re-read, and re-reading a deleted file would only race its removal.
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && isFixtureFile(e.document.uri.path) && this.refreshSoon(e.document)),
    );
    for (const d of vscode.workspace.textDocuments) if (isFixtureFile(d.uri.path)) void this.refresh(d.uri, d.getText());
  }

  /** Every fixture in the workspace. */
  async discover(): Promise<void> {
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE);
    const known = new Set(uris.map((u) => u.toString()));
    this.controller.items.forEach((item) => {
      if (!known.has(item.id)) this.controller.items.delete(item.id);
    });
    await Promise.all(uris.map((u) => this.refresh(u)));
  }

  private refreshSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.refresh(doc.uri, doc.getText());
    }, 300));
  }

  private forget(uri: vscode.Uri): void {
    this.controller.items.delete(uri.toString());
  }

  /** The fixture's item, created if needed. */
  private fileItem(uri: vscode.Uri): vscode.TestItem {
    const id = uri.toString();
    let item = this.controller.items.get(id);
    if (!item) {
      item = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
      item.canResolveChildren = true;
      this.controller.items.add(item);
    }
    return item;
  }

  /**
   * Read a fixture's tests (from `text` when the editor has it) into its item. The item is made
   * only after the read, and not at all when the file has gone meanwhile (deleted on disk, nothing
   * unsaved): a refresh that a save, an edit or an open started must not bring back a fixture the
   * watcher has just removed. Undefined when the fixture is gone.
   */
  async refresh(uri: vscode.Uri, text?: string): Promise<vscode.TestItem | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let reply: P.ListFixtureTestsReply | undefined;
    let failure: string | undefined;
    try {
      reply = await this.ctx.rpc(P.listFixtureTests, { file: uri.fsPath, text: text ?? open?.getText() });
    } catch (e) {
      failure = `Could not read the tests: ${errorMessage(e)}`;
    }
    if (await this.gone(uri)) {
      this.forget(uri);
      return undefined;
    }
    const file = this.fileItem(uri);
    if (!reply) {
      file.error = failure;
      return file;
    }
    const d = reply.diagnostics[0];
    file.error = d ? new vscode.MarkdownString().appendText(`${path.basename(uri.fsPath)}:${d.line}:${d.col} ${d.code} ${d.message}`) : undefined;
    const ids = testIds(reply.tests.map((t) => t.name));
    file.children.replace(reply.tests.map((t, i) => {
      const item = this.controller.createTestItem(`${file.id}#${ids[i]}`, t.name, uri);
      item.range = rangeOf(t.span);
      const problem = t.diagnostics[0];
      if (problem) item.error = `${problem.line}:${problem.col} ${problem.code} ${problem.message}`;
      this.indexOf.set(item, t.index);
      return item;
    }));
    file.canResolveChildren = false;
    return file;
  }

  /** True when the fixture is neither on disk nor held unsaved in an editor. */
  private async gone(uri: vscode.Uri): Promise<boolean> {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) return false;
    try {
      await vscode.workspace.fs.stat(uri);
      return false;
    } catch {
      return true;
    }
  }

  /** The item of test `index` of a fixture. */
  itemFor(uri: vscode.Uri, index: number): vscode.TestItem | undefined {
    let found: vscode.TestItem | undefined;
    this.controller.items.get(uri.toString())?.children.forEach((c) => {
      if (this.indexOf.get(c) === index) found = c;
    });
    return found;
  }

  index(item: vscode.TestItem): number | undefined {
    return this.indexOf.get(item);
  }

  /** Run tests as the Test Explorer would (a run appears in Test Results). */
  runItems(items: vscode.TestItem[], debug = false): Promise<void> {
    const profile = debug ? this.debugProfile : this.runProfile;
    const cts = new vscode.CancellationTokenSource();
    return this.run(new vscode.TestRunRequest(items, undefined, profile), cts.token, debug).finally(() => cts.dispose());
  }

  /** The tests a request names, by fixture, in order. */
  private async selected(request: vscode.TestRunRequest): Promise<Map<vscode.TestItem, vscode.TestItem[]>> {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const roots: vscode.TestItem[] = [];
    if (request.include) roots.push(...request.include);
    else this.controller.items.forEach((i) => roots.push(i));
    const out = new Map<vscode.TestItem, vscode.TestItem[]>();
    for (const item of roots) {
      if (excluded.has(item.id)) continue;
      const isFile = !item.parent;
      const file = isFile ? await this.refreshIfUnread(item) : item.parent!;
      if (!file) continue;
      const list = out.get(file) ?? [];
      if (isFile) file.children.forEach((c) => !excluded.has(c.id) && list.push(c));
      else if (!list.includes(item)) list.push(item);
      out.set(file, list);
    }
    return out;
  }

  private async refreshIfUnread(file: vscode.TestItem): Promise<vscode.TestItem | undefined> {
    return file.canResolveChildren ? this.refresh(file.uri!) : file;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken, debug: boolean): Promise<void> {
    const run = this.controller.createTestRun(request, undefined, true);
    const ran: vscode.TestItem[] = [];
    let passed = 0;
    let failed = 0;
    try {
      const groups = await this.selected(request);
      for (const items of groups.values()) for (const i of items) run.enqueued(i);
      for (const [file, items] of groups) {
        const uri = file.uri!;
        const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText();
        run.appendOutput(`${vscode.workspace.asRelativePath(uri)}\r\n`);
        if (items.length === 0) {
          if (file.error) {
            run.errored(file, new vscode.TestMessage(typeof file.error === 'string' ? file.error : file.error.value));
            failed++;
          }
          continue;
        }
        for (const item of items) {
          if (token.isCancellationRequested) {
            run.skipped(item);
            this.last.set(item.id, { state: 'skipped', messages: [] });
            continue;
          }
          run.started(item);
          ran.push(item);
          const outcome = await this.runOne(run, uri, text, item, debug);
          if (outcome === 'passed') passed++;
          else failed++;
        }
      }
      run.appendOutput(`\r\n${passed} passed, ${failed} failed\r\n`);
    } finally {
      run.end();
      this.ranEmitter.fire(ran);
    }
  }

  private async runOne(run: vscode.TestRun, uri: vscode.Uri, text: string | undefined, item: vscode.TestItem, debug: boolean): Promise<LastResult['state']> {
    const index = this.indexOf.get(item);
    const params: P.RunFixtureParams = { file: uri.fsPath, text, only: index === undefined ? [] : [index] };
    if (debug) params.debug = { perStage: this.ctx.config.debugPerStage };
    let reply: P.RunFixtureReply;
    try {
      reply = await this.ctx.rpc(P.runFixture, params);
    } catch (e) {
      const m = new vscode.TestMessage(`The test could not run: ${errorMessage(e)}`);
      run.errored(item, m);
      this.last.set(item.id, { state: 'errored', messages: [m] });
      return 'errored';
    }
    const r = reply.results[0];
    if (!r) {
      const m = new vscode.TestMessage(`${item.label} is no longer in ${path.basename(uri.fsPath)}.`);
      run.errored(item, m);
      this.last.set(item.id, { state: 'errored', messages: [m] });
      return 'errored';
    }
    run.appendOutput(`${r.report.replace(/\n/g, '\r\n')}\r\n`, undefined, item);
    if (debug && r.trace) this.showTrace(uri, r);
    if (r.passed) {
      run.passed(item, r.durationMs);
      this.last.set(item.id, { state: 'passed', result: r, messages: [] });
      return 'passed';
    }
    if (r.problems.length > 0) {
      const ms = problemMessages(r, uri);
      run.errored(item, ms, r.durationMs);
      this.last.set(item.id, { state: 'errored', result: r, messages: ms });
      return 'errored';
    }
    const ms = failureMessages(r, uri);
    run.failed(item, ms, r.durationMs);
    this.last.set(item.id, { state: 'failed', result: r, messages: ms });
    return 'failed';
  }

  /**
   * A debugged test in the output panel (its output and DLQ records, and the Stages tab), and
   * its stage counts above the pipeline's stages, exactly as after the Debug command.
   */
  private showTrace(fixture: vscode.Uri, r: P.FixtureTestResult): void {
    const name = `${path.basename(fixture.fsPath, FIXTURE_SUFFIX)}#${r.index}.debug-test-${++this.debugSeq}`;
    const docs: P.EJsonDoc[] = [...(r.actual?.output ?? []), ...(r.actual?.dlq ?? []).map((d) => ({ [P.DLQ_MESSAGE_KEY]: d }))];
    const counts = { input: r.trace?.[0]?.inCount ?? 0, output: r.actual?.output.length ?? 0, dlq: r.actual?.dlq.length ?? 0 };
    const ended: P.RunEndedParams = { name, reason: 'drained', counts };
    this.ctx.panel.beginRun(name, `Debug test ${r.name}`, true, 'capture');
    this.ctx.panel.append(name, docs);
    this.ctx.panel.endRun(ended);
    this.ctx.panel.showTrace(name, r.trace ?? []);
    const pipelineUri = r.pipelineFile ? vscode.Uri.file(r.pipelineFile) : fixture;
    void vscode.workspace.openTextDocument(pipelineUri).then((doc) => {
      const read = readPipelineFile(doc.getText());
      if (!read.ok) return;
      const info: RunInfo = { name, uri: pipelineUri, file: read.file, debug: true, ended, trace: r.trace };
      this.ctx.registerRun(info);
    }, () => undefined);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
