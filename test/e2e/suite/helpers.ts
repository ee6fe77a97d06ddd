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

/** Polls `probe` until it returns a defined, truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
