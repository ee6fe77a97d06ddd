/** Helpers for suites that run inside the real extension host. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AspApi } from '../../../client/main';

export interface MochaGlobals {
  suite(title: string, fn: () => void): void;
  test(title: string, fn: () => Promise<void> | void): void;
  suiteSetup(fn: () => Promise<void> | void): void;
}
export const { suite, test, suiteSetup } = globalThis as unknown as MochaGlobals;

export const EXTENSION_ID = 'asp-studio.asp-studio';

export function wsFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e workspace folder is not open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

export async function openFile(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function api(): Promise<AspApi> {
  const ext = vscode.extensions.getExtension<AspApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}
