/**
 * Writing a fixture's new text: as one small edit of the open document (then saved, so `asp
 * test` in a terminal sees the same file), or as a new file. Undo in the editor takes it back.
 */
import * as vscode from 'vscode';
import { minimalEdit } from './fixtureText';

export async function writeFixtureText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    return;
  }
  const e = minimalEdit(open.getText(), text);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(open.positionAt(e.offset), open.positionAt(e.offset + e.length)), e.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${vscode.workspace.asRelativePath(uri)}`);
  await open.save();
}

/** The fixture's text as the editor has it (unsaved changes included), if it is open. */
export function openText(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText();
}

/** Open a fixture with the cursor on one of its tests. */
export async function revealTest(uri: vscode.Uri, range: vscode.Range | undefined): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
  if (range) {
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
