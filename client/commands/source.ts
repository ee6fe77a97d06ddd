/** Finds the pipeline a file command works on: the given uri, else the active .asp.json editor. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../ctx';
import { readPipelineFile, type PipelineFile } from '../pipelineFile';

export interface PipelineSource {
  uri: vscode.Uri;
  document: vscode.TextDocument;
  file: PipelineFile;
}

export async function pipelineSource(arg?: unknown): Promise<PipelineSource> {
  const uri = arg instanceof vscode.Uri ? arg : undefined;
  let document: vscode.TextDocument | undefined;
  if (uri) document = await vscode.workspace.openTextDocument(uri);
  else {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'asp-json') document = editor.document;
    else document = vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'asp-json')?.document;
  }
  if (!document) throw new UserFacingError('Open an .asp.json pipeline file first.');
  const read = readPipelineFile(document.getText());
  if (!read.ok) {
    const pos = document.positionAt(read.offset);
    throw new UserFacingError(`${path.basename(document.fileName)}:${pos.line + 1}:${pos.character + 1}: ${read.message}`);
  }
  return { uri: document.uri, document, file: read.file };
}

/** Opens a JSON value in a read-only-ish untitled editor. */
export async function showJson(value: unknown): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(value, null, 2) + '\n' });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
