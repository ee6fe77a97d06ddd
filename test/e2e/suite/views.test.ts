/** The pipeline graph in a real VS Code: nodes from the file, live counts of a Run, cursor and reveal. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openFile, suite, test } from './helpers';
import { waitFor } from '../../helpers/waitFor';

suite('Pipeline graph', () => {
  test('shows the stages of the file and the final counts of its Run, with the window node', async () => {
    const a = await api();
    const doc = await openFile('window.asp.json');
    await vscode.commands.executeCommand('asp.showGraph', doc.uri);
    assert.deepEqual(a.ctx.graph.nodes.map((n) => [n.stage, n.kind]), [
      ['$source', 'source'],
      ['$tumblingWindow', 'window'],
    ]);
    assert.deepEqual(a.ctx.graph.nodes[1]!.inner, ['$group']);
    const name = await vscode.commands.executeCommand<string>('asp.run', doc.uri);
    assert.ok(name, 'asp.run returns the run name');
    const live = await waitFor(() => {
      const l = a.ctx.graph.lastLive;
      return l && l.name === name && l.state === 'ended' ? l : undefined;
    }, 'the final counts of the run on the graph');
    assert.equal(live.input, 5);
    assert.equal(live.output, 4);
    assert.equal(live.nodes[0]!.outCount, 5);
    assert.equal(live.nodes[1]!.inCount, 5);
    assert.equal(live.nodes[1]!.outCount, 4);
    assert.equal(live.dlq, 0);
    assert.ok(live.nodes[1]!.window, 'the window node carries its timeline');
    // Event time came from the documents (2024-01-01T00:00:02.300Z is the newest).
    assert.ok(live.watermark !== undefined && live.watermark <= Date.parse('2024-01-01T00:00:02.300Z'), String(live.watermark));
  });

  test('the cursor in the editor highlights the node of its stage, and reveal selects a stage', async () => {
    const a = await api();
    const doc = await openFile('window.asp.json');
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    assert.ok(editor, 'window.asp.json is visible');
    const at = doc.positionAt(doc.getText().indexOf('"$group"'));
    editor.selection = new vscode.Selection(at, at);
    await waitFor(() => a.ctx.graph.highlighted === 1, 'the window node highlighted');
    await a.ctx.graph.reveal(0);
    const sel = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === doc.uri.toString() && doc.getText(e.selection).startsWith('{ "$source"') ? e.selection : undefined;
    }, 'stage 0 selected');
    assert.equal(sel.start.line, doc.positionAt(doc.getText().indexOf('{ "$source"')).line);
  });

  test('shows the live counts of a started processor, asked once a second', async () => {
    const a = await api();
    if (a.ctx.targets.selected !== 'local') await a.ctx.targets.select('local');
    const doc = await openFile('graph-proc.asp.json');
    assert.equal(await vscode.commands.executeCommand<string>('asp.createProcessor', doc.uri), 'graphDemo');
    await vscode.commands.executeCommand('asp.startProcessor', 'graphDemo');
    await vscode.commands.executeCommand('asp.showGraph', doc.uri);
    assert.deepEqual(a.ctx.graph.nodes.map((n) => n.kind), ['source', 'stage', 'sink']);
    const live = await waitFor(() => {
      const l = a.ctx.graph.lastLive;
      return l && l.name === 'graphDemo' && l.output === 2 ? l : undefined;
    }, 'the processor counts on the graph');
    assert.deepEqual(live.nodes.map((x) => [x.index, x.inCount, x.outCount]), [
      [0, 3, 3],
      [1, 3, 2],
      [2, 2, 2],
    ]);
    await vscode.commands.executeCommand('asp.stopProcessor', 'graphDemo');
  });
});
