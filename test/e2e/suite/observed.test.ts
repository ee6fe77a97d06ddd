/** Hover after a run in a real VS Code: Debug a file, then the stage hover shows what each stage emitted; an edit marks it older. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, openFile, suite, test, wsFile } from './helpers';
import { waitFor } from '../../helpers/waitFor';

async function hoverText(doc: vscode.TextDocument, needle: string): Promise<string> {
  const pos = doc.positionAt(doc.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('Hover after a run', () => {
  test('after Debug, the stage hover shows the observed output of each stage; after an edit it says so', async () => {
    const a = await api();
    const doc = await openFile('demo.asp.json');
    const name = await vscode.commands.executeCommand<string>('asp.debug', wsFile('demo.asp.json'));
    await waitFor(() => (a.ctx.runs.get(name)?.trace ? true : undefined), 'the Debug run to end with its stage trace');
    // $match let 3 of the 5 documents through; $addFields added kw to them.
    const match = await waitFor(async () => {
      const t = await hoverText(doc, '"$match"');
      return /Observed in last run/.test(t) ? t : undefined;
    }, 'the observed section in the $match hover');
    assert.match(match, /\(Debug at \d\d:\d\d; 3 documents\)/);
    assert.match(match, /\| `watts` \| int \| 3\/3 \| 120, 150, 210 \|/);
    assert.match(match, /\| `device` \| string \| 3\/3 \| "a", "b" \|/);
    const add = await hoverText(doc, '"$addFields"');
    assert.match(add, /\| `kw` \| double \| 3\/3 \| 0\.12, 0\.15, 0\.21 \|/);
    const source = await hoverText(doc, '"$source"');
    assert.match(source, /\(Debug at \d\d:\d\d; 5 documents\)/);
    assert.match(source, /\| `t` \| date \| 5\/5 \|/);

    const i = doc.getText().indexOf('"$gt": 100');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(i), doc.positionAt(i + 10)), '"$gt": 101');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitFor(async () => /pipeline since edited/.test(await hoverText(doc, '"$match"')) || undefined, 'the hover to mark the observation older');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(doc.isDirty, false);
  });
});
