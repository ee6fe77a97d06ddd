/** The extension in a real VS Code: activation, language server, Run, views. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// Type-only: the suite is bundled apart from the extension, so its classes are not the extension's.
import type { ProcessorItem } from '../../../client/views/processors';
import type { DlqGroupItem, DlqItem } from '../../../client/views/dlq';
import { api, openFile, suite, test, wsFile } from './helpers';
import { waitFor } from '../../helpers/waitFor';

suite('ASP Studio in a real VS Code', () => {
  test('opening an .asp.json activates the extension with the asp-json language', async () => {
    const doc = await openFile('demo.asp.json');
    assert.equal(doc.languageId, 'asp-json');
    const a = await api();
    assert.ok(a.ctx);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['asp.run', 'asp.debug', 'asp.stop', 'asp.createProcessor', 'asp.dlq.gotoStage']) assert.ok(commands.includes(c), c);
  });

  test('a pipeline that does not start with $source gets a diagnostic', async () => {
    const doc = await openFile('bad.asp.json');
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    }, 'diagnostics on bad.asp.json');
    const first = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(first, 'an error diagnostic');
    assert.equal(first.range.start.line, 1, `diagnostic at line 2, got ${JSON.stringify(first.range.start)}: ${first.message}`);
  });

  test('completion offers stages after $source', async () => {
    const doc = await openFile('complete.asp.json');
    const pos = doc.positionAt(doc.getText().indexOf('{ ""') + 3);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      const l = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return l.some((x) => x.includes('$match')) ? l : undefined;
    }, 'stage completions');
    assert.ok(labels.some((x) => x.includes('$addFields')), labels.join(', '));
    assert.ok(!labels.some((x) => x.replace(/"/g, '') === '$source'), 'no second $source');
  });

  test('Run streams the output documents into the output panel', async () => {
    const a = await api();
    await openFile('demo.asp.json');
    const name = await vscode.commands.executeCommand<string>('asp.run', wsFile('demo.asp.json'));
    assert.ok(name, 'asp.run returns the run name');
    const run = await waitFor(() => (a.ctx.runs.get(name)?.ended ? a.ctx.runs.get(name) : undefined), 'the run to end');
    assert.equal(run.ended?.reason, 'drained', JSON.stringify(run.ended));
    await waitFor(() => (a.ctx.panel.posted.get(name) ?? 0) >= 3, '3 rows posted to the panel');
    assert.equal(a.ctx.panel.posted.get(name), 3);
    assert.equal(run.ended?.counts.output, 3);
  });

  test('the Processors view follows create and start', async () => {
    const a = await api();
    const name = await vscode.commands.executeCommand<string>('asp.createProcessor', wsFile('dlq.asp.json'));
    assert.equal(name, 'ratios');
    const stateOf = async () => ((await a.views.processors.getChildren()) as ProcessorItem[]).find((i) => i.processor?.name === 'ratios')?.processor.state;
    assert.equal(await waitFor(stateOf, 'ratios listed'), 'CREATED');
    await vscode.commands.executeCommand('asp.startProcessor', 'ratios');
    await waitFor(async () => (await stateOf()) === 'STARTED', 'ratios STARTED');
  });

  test('the Dead Letter Queue view lists the failed documents and jumps to their stage', async () => {
    const a = await api();
    const entries = await waitFor(async () => {
      const groups = await a.views.dlq.getChildren();
      const g = groups.find((x): x is DlqGroupItem => (x as DlqGroupItem).processorName === 'ratios');
      return g && g.entries.length >= 2 ? (await a.views.dlq.getChildren(g)) as DlqItem[] : undefined;
    }, '2 DLQ entries for ratios');
    assert.equal(entries.length, 2);
    const reason = String(entries[0]!.label);
    assert.match(reason, /divide by zero/i);
    assert.equal(entries[0]!.entry.stageIndex, 1);
    const at = await vscode.commands.executeCommand<{ line: number }>('asp.dlq.gotoStage', entries[0]);
    assert.equal(at?.line, 9);
  });
});
