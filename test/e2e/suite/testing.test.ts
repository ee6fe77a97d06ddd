/** Pipeline tests in a real VS Code: the Test Explorer controller, update snapshot, Save as Test, Capture Input. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, openFile, suite, suiteSetup, test, wsFile } from './helpers';
import { waitFor } from '../../helpers/waitFor';

const FIXTURE = 'demo.asp.test.json';
const PASSING = 'readings over 100 W pass, in kW';
const FAILING = 'a deliberately wrong expectation (the failing case of the e2e tests)';

async function fixtureItem(name = FIXTURE, count?: number): Promise<vscode.TestItem> {
  const a = await api();
  const uri = wsFile(name);
  return waitFor(() => {
    const f = a.tests.controller.items.get(uri.toString());
    return f && f.children.size > 0 && (count === undefined || f.children.size === count) ? f : undefined;
  }, `${name} in the Test Explorer${count === undefined ? '' : ` with ${count} tests`}`);
}

function child(file: vscode.TestItem, label: string): vscode.TestItem {
  let found: vscode.TestItem | undefined;
  file.children.forEach((c) => {
    if (c.label === label) found = c;
  });
  assert.ok(found, `test '${label}' under ${file.label}`);
  return found;
}

/** `asp test FILE` as a user runs it in a terminal: the CLI of the same checkout. */
function aspTest(file: string): Promise<{ code: number; out: string }> {
  const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const cli = path.join(root, 'out', 'bin', 'asp.js');
  assert.ok(fs.existsSync(cli), `${cli} is built (npm run build)`);
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'test', file], { cwd: path.dirname(file), env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

suite('Pipeline tests in the Test Explorer', () => {
  // As a user finds them: opening the Testing view makes VS Code ask the controller for every
  // fixture (its resolve handler), so this suite needs no earlier suite to have read one.
  suiteSetup(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.view.testing.focus');
  });

  test('every fixture and each of its tests is discovered, located at its test', async () => {
    const file = await fixtureItem(FIXTURE, 2);
    const pass = child(file, PASSING);
    const fail = child(file, FAILING);
    assert.equal(pass.uri?.toString(), wsFile(FIXTURE).toString());
    assert.equal(pass.range?.start.line, 3);
    assert.equal(fail.range?.start.line, 18);
  });

  test('a fixture created on disk appears, edits count before saving, and a deleted one goes', async () => {
    const a = await api();
    const uri = wsFile('watched.asp.test.json');
    const text = JSON.stringify({ pipeline: 'demo.asp.json', tests: [{ name: 'one', input: { documents: [] }, expect: {} }] }, null, 2);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const file = await fixtureItem('watched.asp.test.json', 1);
    child(file, 'one');
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('"one"');
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 5)), '"renamed"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => {
      const f = a.tests.controller.items.get(uri.toString());
      let label = '';
      f?.children.forEach((c) => (label = c.label));
      return label === 'renamed';
    }, 'the unsaved rename in the Test Explorer');
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => !a.tests.controller.items.get(uri.toString()), 'the deleted fixture to leave the Test Explorer');
    // A read that began before the delete and ends after it (the save's change event, the edit's
    // timer, an editor still holding the text) must not bring the fixture back.
    assert.equal(await a.tests.refresh(uri, text), undefined);
    assert.equal(a.tests.controller.items.get(uri.toString()), undefined, 'the deleted fixture stays out of the Test Explorer');
  });

  test('Run: the passing test passes, the failing one has a diff of expected and actual at its location', async () => {
    const a = await api();
    const file = await fixtureItem();
    const pass = child(file, PASSING);
    const fail = child(file, FAILING);
    await a.tests.runItems([pass, fail]);
    assert.equal(a.tests.last.get(pass.id)?.state, 'passed');
    const failed = a.tests.last.get(fail.id);
    assert.equal(failed?.state, 'failed');
    const m = failed.messages[0]!;
    assert.ok(m.expectedOutput && m.actualOutput, 'a diff message');
    assert.match(m.expectedOutput, /"kw": 0\.5/);
    assert.match(m.actualOutput, /"kw": 0\.3/);
    assert.match(m.message.toString(), /output\[0\]\.kw/);
    assert.equal(m.contextValue, 'aspSnapshot', 'the Update Snapshot action shows on it');
    assert.equal(m.location?.uri.toString(), wsFile(FIXTURE).toString());
    const doc = await vscode.workspace.openTextDocument(wsFile(FIXTURE));
    assert.equal(doc.getText(m.location!.range), '0.5', 'go to failure lands on the expected value');
  });

  test('the Test Explorer command runs them through the same profile', async () => {
    const a = await api();
    const file = await fixtureItem();
    const ran = new Promise<vscode.TestItem[]>((resolve) => {
      const sub = a.tests.onDidRun((items) => {
        sub.dispose();
        resolve(items);
      });
    });
    await vscode.commands.executeCommand('testing.runAll');
    const items = await ran;
    assert.ok(items.some((i) => i.id === child(file, PASSING).id), items.map((i) => i.id).join(', '));
  });

  test('Debug: the per-stage capture of a test shows in the output panel and above the pipeline', async () => {
    const a = await api();
    const pass = child(await fixtureItem(), PASSING);
    const before = a.ctx.runs.size;
    await a.tests.runItems([pass], true);
    const run = await waitFor(() => [...a.ctx.runs.values()].slice(before).find((r) => r.name.includes('.debug-test-') && r.trace), 'the debugged test among the runs');
    assert.equal(run.uri.toString(), wsFile('demo.asp.json').toString());
    const match = run.trace?.find((s) => s.stage === '$match');
    assert.deepEqual([match?.inCount, match?.outCount, match?.droppedCount], [2, 1, 1]);
    await waitFor(() => (a.ctx.panel.posted.get(run.name) ?? 0) >= 1, 'the test output in the panel');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsFile('demo.asp.json'));
    assert.ok(lenses.some((l) => /\$match: in 2 → out 1/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
  });

  test('Update Snapshot rewrites the failing expectation with what the run produced; the test then passes', async () => {
    const a = await api();
    const fail = child(await fixtureItem(), FAILING);
    const r = await vscode.commands.executeCommand<{ updated: number }>('asp.testing.updateSnapshot', fail);
    assert.equal(r?.updated, 1);
    const doc = await vscode.workspace.openTextDocument(wsFile(FIXTURE));
    assert.ok(!doc.isDirty, 'saved, so asp test sees it');
    assert.match(doc.getText(), /"kw": 0\.3/);
    assert.doesNotMatch(doc.getText(), /"kw": 0\.5/);
    const after = child(await fixtureItem(), FAILING);
    assert.equal(a.tests.last.get(after.id)?.state, 'passed');
    const cli = await aspTest(wsFile(FIXTURE).fsPath);
    assert.equal(cli.code, 0, cli.out);
    assert.match(cli.out, /2 passed, 0 failed/);
  });
});

suite('Save as Test and Capture Input', () => {
  test('Save as Test writes the last run as a test next to the pipeline; it passes here and in asp test', async () => {
    const a = await api();
    await openFile('dlq.asp.json');
    const name = await vscode.commands.executeCommand<string>('asp.run', wsFile('dlq.asp.json'));
    await waitFor(() => a.ctx.runs.get(name)?.ended, 'the run to end');
    const saved = await vscode.commands.executeCommand<{ uri: string; index: number; passed: boolean }>('asp.testing.saveAsTest', name, { testName: 'ratios from a run' });
    assert.ok(saved, 'the command returned');
    assert.equal(saved.uri, wsFile('dlq.asp.test.json').toString());
    assert.equal(saved.passed, true);
    const fixture = JSON.parse(fs.readFileSync(wsFile('dlq.asp.test.json').fsPath, 'utf8')) as { pipeline: string; tests: { name: string; input: { events: unknown[] }; expect: { output: unknown[]; dlq: unknown[] } }[] };
    assert.equal(fixture.pipeline, 'dlq.asp.json');
    assert.equal(fixture.tests[0]!.input.events.length, 4);
    assert.equal(fixture.tests[0]!.expect.output.length, 2);
    assert.equal(fixture.tests[0]!.expect.dlq.length, 2);
    child(await fixtureItem('dlq.asp.test.json', 1), 'ratios from a run');
    const cli = await aspTest(wsFile('dlq.asp.test.json').fsPath);
    assert.equal(cli.code, 0, cli.out);
    assert.match(cli.out, /1 passed, 0 failed/);
  });

  test('Capture Input into $source.documents is one edit that Undo takes back', async () => {
    const doc = await openFile('solar.asp.json');
    const before = doc.getText();
    const r = await vscode.commands.executeCommand<{ captured: number }>('asp.testing.captureInput', doc.uri, { count: 3, target: 'source' });
    assert.equal(r?.captured, 3);
    assert.ok(doc.isDirty);
    const v = JSON.parse(doc.getText()) as [{ $source: { documents: { device_id: string }[] } }];
    assert.equal(v[0].$source.documents.length, 3);
    assert.ok(v[0].$source.documents.every((d) => typeof d.device_id === 'string' && !('_ts' in d)));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'Undo to restore the source');
  });

  test('Capture Input into a fixture: the documents as input events, the expectation from the pipeline, and the test passes', async () => {
    const a = await api();
    const r = await vscode.commands.executeCommand<{ captured: number; uri: string }>('asp.testing.captureInput', wsFile('solar.asp.json'), { count: 4, target: 'fixture', testName: 'four captured readings' });
    assert.equal(r?.captured, 4);
    assert.equal(r.uri, wsFile('solar.asp.test.json').toString());
    const fixture = JSON.parse(fs.readFileSync(wsFile('solar.asp.test.json').fsPath, 'utf8')) as { tests: { input: { events: { doc?: unknown }[] } }[] };
    assert.equal(fixture.tests[0]!.input.events.filter((e) => e.doc).length, 4);
    const item = child(await fixtureItem('solar.asp.test.json', 1), 'four captured readings');
    assert.equal(a.tests.last.get(item.id)?.state, 'passed');
  });
});
